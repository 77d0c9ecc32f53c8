import { fileURLToPath } from 'node:url';

/**
 * What every Lambda bundle is built with beyond minification: ES module builds first (the AWS SDK's are
 * smaller than its CommonJS ones), and zod without its locales (functions/bundling/zod.js). infra/ passes
 * these to esbuild through CDK; the budget test and the benchmark build with exactly these.
 */
export const lambdaBundling = {
  mainFields: ['module', 'main'],
  alias: { zod: fileURLToPath(new URL('./zod.js', import.meta.url)) },
};
