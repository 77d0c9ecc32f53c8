import { type BuildOptions, build, type Metafile } from 'esbuild';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { aliasesOf, lambdaBundling, splitChunks } from '../functions/bundling/lambda-bundling.js';
import { median } from './stats.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

/** A handler bundled as infra/ deploys it: ESM, minified, Node 22, code-split into `outdir`. */
export function lambdaBuildOptions(handler: string, { bundleSdk, outdir }: { bundleSdk: boolean; outdir: string }) {
  return {
    absWorkingDir: root,
    entryPoints: [`functions/handlers/${handler}.ts`],
    outdir,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: bundleSdk ? [] : ['@aws-sdk/*'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
    metafile: true,
    ...lambdaBundling,
    alias: aliasesOf(handler),
    ...splitChunks,
  } satisfies BuildOptions;
}

/**
 * What a cold start reads: the entry chunk and every chunk it imports statically, transitively. Chunks
 * reached only through `import()` load on first use and are counted apart (`lazy_bytes`).
 */
export function loadedBytes(metafile: Metafile) {
  const outputs = metafile.outputs;
  // Chunks that import() reaches are entry points in the metafile too: the handler's is the one named index.
  const entry = Object.keys(outputs).find((name) => name.endsWith('/index.mjs'))!;
  const atStart = new Set<string>();
  // Packages left out of the bundle (the AWS SDK) that a cold start's import reads from node_modules.
  const externalAtStart = new Set<string>();
  const visit = (name: string) => {
    if (atStart.has(name) || !outputs[name]) return;
    atStart.add(name);
    for (const imported of outputs[name].imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) externalAtStart.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(entry);
  const code = Object.keys(outputs).filter((name) => name.endsWith('.mjs'));
  const sum = (names: string[]) => names.reduce((total, name) => total + outputs[name]!.bytes, 0);
  const inputsOf = (names: string[]) => names.flatMap((name) => Object.keys(outputs[name]!.inputs));
  const [start, later] = [code.filter((name) => atStart.has(name)), code.filter((name) => !atStart.has(name))];
  return {
    entry,
    bytes: sum(start),
    lazy_bytes: sum(later),
    inputsAtStart: inputsOf(start),
    inputsOnFirstUse: inputsOf(later),
    externalAtStart: [...externalAtStart].sort(),
  };
}

/**
 * What a visitor function's first request reads that its import did not: the DynamoDB client (its stores'
 * first send, functions/bundling/aws-sdk/) and Secrets Manager through Powertools (the visitor token's
 * secret). Timed after the import in the same process; for a handler that imported them already, ~0.
 */
const firstRequestReads = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-lambda-powertools/parameters/secrets',
];

/**
 * The modules a handler's first requests read that its import did not: the app's own module (middleware,
 * error mapper, the OpenAPI extension; every first request), the site schema (the first site read), then
 * each route module, read by the first request to one of its paths
 * (functions/http/route-groups/visitor-routes-on-first-request.ts), in the order a visitor meets them: a
 * page view, the widget and its chat, slots and booking, live chat. Each one's read is timed after the
 * import and the SDK reads, so a module read later finds the chunks it shares with earlier ones read.
 */
const firstRequestModules: Record<string, string[]> = {
  visitor: [
    'functions/http/create-app.ts',
    'functions/core/conversation/site.ts',
    'functions/http/routes/visitor-routes.ts',
    'functions/http/routes/conversation-routes.ts',
    'functions/http/routes/scheduling-routes.ts',
    'functions/http/routes/live-chat-routes.ts',
  ],
};

/** The chunk esbuild wrote for a module reached through `import()`. */
function chunkOf(metafile: Metafile, source: string): string {
  const chunk = Object.keys(metafile.outputs).find((name) => metafile.outputs[name]!.entryPoint === source);
  if (!chunk) throw new Error(`${source} is not read on first use in this build.`);
  return chunk;
}

/**
 * Fresh processes per handler. Each import's time varies with the host's other work by more than the target's
 * margin (86-103 ms in six quiet runs of seven); the median of more of them moves less from run to run.
 */
const FRESH_PROCESSES = 15;

/**
 * Bundles a handler as deployed and times, in fresh Node processes, its import (the cold start's init, the
 * target), then what its first request reads on top (`first_request_reads_ms`), so deferring the SDK to
 * the first send shows where its cost went, then each module the first requests read
 * (`first_request_modules_ms`: reading and evaluating its chunks, its schemas built), so what left the
 * import for the first requests is counted too.
 */
export async function measure(handler: string, bundleSdk: boolean) {
  const outdir = `${root}bench/.out/${handler}${bundleSdk ? '-with-sdk' : ''}`;
  await rm(outdir, { recursive: true, force: true });
  const { metafile } = await build(lambdaBuildOptions(handler, { bundleSdk, outdir }));
  const { entry, bytes, lazy_bytes } = loadedBytes(metafile);
  const groups = firstRequestModules[handler] ?? [];
  const groupChunks = groups.map((source) => `${root}${chunkOf(metafile, source)}`);
  const env = {
    ...process.env,
    BATON_JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
    BATON_JWT_AUDIENCE: 'bench-client',
    // Secrets are read by ARN on the first request, never at import.
    BATON_VISITOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-visitor',
    BATON_TIMER_GROUP: 'baton-bench-timers',
    BATON_TIMER_TARGET_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:baton-bench-timer',
    BATON_TIMER_ROLE_ARN: 'arn:aws:iam::123456789012:role/baton-bench-scheduler',
    BATON_TABLE: 'baton-bench',
    BATON_EVENT_BUS: 'baton-bench',
    BATON_PUBLIC_URL: 'https://chat.bench.test',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const times: number[] = [];
  const cpu: number[] = [];
  const then: number[] = [];
  const groupTimes: number[][] = groups.map(() => []);
  for (let i = 0; i < FRESH_PROCESSES; i++) {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        [
          `const c=process.cpuUsage(); const t=performance.now(); await import(${JSON.stringify(`${root}${entry}`)}); const i=performance.now(); const u=process.cpuUsage(c);`,
          `for (const p of ${JSON.stringify(firstRequestReads)}) await import(p);`,
          'const r=performance.now(); const g=[];',
          `for (const p of ${JSON.stringify(groupChunks)}) { const s=performance.now(); await import(p); g.push(performance.now()-s); }`,
          'console.log(i-t, (u.user+u.system)/1000, r-i, ...g.map(String))',
        ].join(' '),
      ],
      { env, cwd: root },
    );
    const [imported, importCpu, reads, ...groupReads] = stdout.trim().split(' ').map(Number);
    times.push(imported!);
    cpu.push(importCpu!);
    then.push(reads!);
    for (const [index, ms] of groupReads.entries()) groupTimes[index]!.push(ms);
  }
  const tenths = (ms: number) => Math.round(ms * 10) / 10;
  const nameOf = (source: string) => source.split('/').pop()!.replace(/\.ts$/, '');
  return {
    bytes,
    lazy_bytes,
    import_ms: tenths(median(times)),
    // The import's CPU time (all its threads): what the code costs, apart from waiting for the host's cores.
    import_cpu_ms: tenths(median(cpu)),
    first_request_reads_ms: tenths(median(then)),
    ...(groups.length > 0
      ? {
          first_request_modules_ms: Object.fromEntries(
            groups.map((source, index) => [nameOf(source), tenths(median(groupTimes[index]!))]),
          ),
        }
      : {}),
  };
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
