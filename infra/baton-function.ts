import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { aliasesOf, lambdaBundling, splitChunks } from '../functions/bundling/lambda-bundling.js';

const BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface BatonFunctionProps {
  /** The file in functions/handlers/ without its extension. */
  handler: string;
  /** Used in the function's log and metric names. */
  service: string;
  /** A physical name, for a function whose ARN is needed before it exists (the timer function names itself as its schedules' target). */
  functionName?: string;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  /** What the bundle needs beyond the defaults (the API function bundles the AWS SDK and copies data files). */
  bundling?: Partial<NonNullable<NodejsFunctionProps['bundling']>>;
  /** Code splitting (functions/bundling/lambda-bundling.ts `splitChunks`): what the handler reaches only through `import()` loads on first use. */
  splitting?: boolean;
  logRemovalPolicy: RemovalPolicy;
}

/**
 * Every Baton Lambda function is built the same way: Node 24 on arm64, an ESM bundle from
 * functions/handlers/, its own log group with a retention, X-Ray tracing, and Powertools settings.
 * Its role may write to its own log group only (not AWS's managed policy, which allows every group).
 */
export class BatonFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: BatonFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });
    const entry = fileURLToPath(new URL(`../functions/handlers/${props.handler}.ts`, import.meta.url));
    const hooks = props.bundling?.commandHooks;
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray accepts trace segments only on "*", and dynamodb:ListStreams (stream consumers) has no resource; every other action is scoped to an ARN.',
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      ...(props.functionName ? { functionName: props.functionName } : {}),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: 'Baton',
        // Responses hold what visitors wrote, outgoing paths people's addresses and webhook secrets: neither goes
        // into a trace (functions/handlers/observed.ts); a function that calls AWS alone turns the second on.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        // The syntax level the bundle budgets (test/integration/budgets.test.ts) are measured at; Node 24 runs it.
        target: 'node22',
        // The Lambda runtime ships the AWS SDK v3; leaving it out keeps the bundle small.
        externalModules: ['@aws-sdk/*'],
        // esbuild's warnings and errors, without its size summary (bundle sizes have their own budget test).
        logLevel: LogLevel.WARNING,
        banner: BANNER,
        mainFields: lambdaBundling.mainFields,
        esbuildArgs: Object.fromEntries(
          Object.entries(aliasesOf(props.handler)).map(([name, path]) => [`--alias:${name}`, path]),
        ),
        ...props.bundling,
        // CDK's esbuild step writes one file (--outfile), which code splitting cannot do: the split build
        // replaces its index.mjs with the entry chunk and writes the chunks beside it.
        ...(props.splitting
          ? {
              commandHooks: {
                beforeBundling: (inputDir: string, outputDir: string) =>
                  hooks?.beforeBundling(inputDir, outputDir) ?? [],
                beforeInstall: (inputDir: string, outputDir: string) => hooks?.beforeInstall(inputDir, outputDir) ?? [],
                afterBundling: (inputDir: string, outputDir: string) => [
                  splitBuildCommand(inputDir, entry, outputDir, {
                    external: props.bundling?.externalModules ?? ['@aws-sdk/*'],
                    aliases: aliasesOf(props.handler),
                  }),
                  ...(hooks?.afterBundling(inputDir, outputDir) ?? []),
                ],
              },
            }
          : {}),
      },
    });
  }
}

/** esbuild's command line for the same build as CDK's (options above), code-split into the asset folder. */
function splitBuildCommand(
  inputDir: string,
  entry: string,
  outputDir: string,
  { external, aliases }: { external: string[]; aliases: Record<string, string> },
): string {
  return [
    `"${inputDir}/node_modules/.bin/esbuild" "${entry}" --bundle --platform=node --format=esm --target=node22`,
    '--minify --sourcemap --log-level=warning',
    `--main-fields=${lambdaBundling.mainFields.join(',')}`,
    ...Object.entries(aliases).map(([name, path]) => `"--alias:${name}=${path}"`),
    ...external.map((name) => `"--external:${name}"`),
    `"--banner:js=${BANNER}"`,
    `--splitting --entry-names=${splitChunks.entryNames} --chunk-names=${splitChunks.chunkNames}`,
    ...Object.entries(splitChunks.outExtension).map(([from, to]) => `--out-extension:${from}=${to}`),
    `"--outdir=${outputDir}"`,
  ].join(' ');
}
