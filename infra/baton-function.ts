import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

export interface BatonFunctionProps {
  /** The file in functions/handlers/ without its extension. */
  handler: string;
  /** Used in the function's log and metric names. */
  service: string;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  /** What the bundle needs beyond the defaults (the API function bundles the AWS SDK and copies data files). */
  bundling?: Partial<NonNullable<NodejsFunctionProps['bundling']>>;
  logRemovalPolicy: RemovalPolicy;
}

/**
 * Every Baton Lambda function is built the same way: Node 22 on arm64, an ESM bundle from
 * functions/handlers/, its own log group with a retention, X-Ray tracing, and Powertools settings.
 */
export class BatonFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: BatonFunctionProps) {
    super(scope, id);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(new URL(`../functions/handlers/${props.handler}.ts`, import.meta.url)),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      logGroup: new LogGroup(this, 'Logs', {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: props.logRemovalPolicy,
      }),
      environment: {
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: 'Baton',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node22',
        // The Lambda runtime ships the AWS SDK v3; leaving it out keeps the bundle small.
        externalModules: ['@aws-sdk/*'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        ...props.bundling,
      },
    });
  }
}
