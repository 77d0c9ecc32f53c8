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

/** Handlers built without the OpenAPI document generators: their apps serve no document (`documents: false`). */
const withoutDocuments = new Set(['visitor']);

/**
 * Handlers built with a `z` holding only the members Baton's code calls (functions/bundling/zod-lean.js), so
 * esbuild drops the zod factories and checks nothing calls.
 */
const leanZod = new Set(['visitor']);

/**
 * Handlers whose AWS SDK clients read the real package on their first send (functions/bundling/aws-sdk/):
 * loading the SDK from node_modules was most of the visitor function's import.
 */
const sdkOnFirstSend = new Set(['visitor']);
const sdkPackages = ['client-dynamodb', 'lib-dynamodb', 'client-scheduler', 'client-apigatewaymanagementapi'];

/**
 * The module replacements a handler's build takes: lambdaBundling's, and for the visitor function the lean
 * `z`, zod-to-openapi without its generators and the AWS SDK read on first send.
 */
export function aliasesOf(handler: string): Record<string, string> {
  return {
    ...lambdaBundling.alias,
    ...(leanZod.has(handler) ? { zod: fileURLToPath(new URL('./zod-lean.js', import.meta.url)) } : {}),
    ...(withoutDocuments.has(handler)
      ? {
          '@asteasolutions/zod-to-openapi': fileURLToPath(
            new URL('./zod-to-openapi-without-documents.js', import.meta.url),
          ),
        }
      : {}),
    ...(sdkOnFirstSend.has(handler)
      ? Object.fromEntries(
          sdkPackages.map((name) => [
            `@aws-sdk/${name}`,
            fileURLToPath(new URL(`./aws-sdk/${name}.ts`, import.meta.url)),
          ]),
        )
      : {}),
  };
}

/**
 * The request-path functions are built with code splitting: what a handler reaches only through `import()`
 * (re2js for `matches` patterns, ical.js for calendar feeds, ics for invitations, the slot engine with
 * luxon) becomes its own chunk, read from the package on first use instead of at every cold start. Every
 * file is `.mjs` because the Lambda package has no package.json to make `.js` an ES module; the entry
 * keeps CDK's name, `index.mjs`.
 */
export const splitChunks = {
  splitting: true,
  entryNames: 'index',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
};
