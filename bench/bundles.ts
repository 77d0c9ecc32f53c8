import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { lambdaBundling } from '../functions/bundling/lambda-bundling.js';
import { median } from './stats.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

/** Bundles a handler as CDK does (ESM, minified, Node 22, infra's extra esbuild options) and times its import in fresh Node processes: the cold-start proxy. */
async function measure(handler: string, bundleSdk: boolean) {
  const outfile = `${root}bench/.out/${handler}${bundleSdk ? '-with-sdk' : ''}.mjs`;
  await mkdir(`${root}bench/.out`, { recursive: true });
  await build({
    entryPoints: [`${root}functions/handlers/${handler}.ts`],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: bundleSdk ? [] : ['@aws-sdk/*'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
    ...lambdaBundling,
  });
  const { size } = await stat(outfile);
  const env = {
    ...process.env,
    BATON_JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
    BATON_JWT_AUDIENCE: 'bench-client',
    BATON_VISITOR_SECRET: 'a-bench-visitor-secret-of-32-characters',
    BATON_TABLE: 'baton-bench',
    BATON_EVENT_BUS: 'baton-bench',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t=performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now()-t)`,
      ],
      { env, cwd: root },
    );
    times.push(Number(stdout.trim()));
  }
  return { bytes: size, import_ms: Math.round(median(times) * 10) / 10 };
}

/** Every Lambda handler as deployed (AWS SDK from the runtime), and the API also with the SDK bundled, to choose by import time. */
export async function benchBundles() {
  return {
    visitor: await measure('visitor', false),
    api: await measure('api', false),
    api_with_sdk_bundled: await measure('api', true),
    outbox_forwarder: await measure('outbox-forwarder', false),
    crm_sync: await measure('crm-sync', false),
  };
}
