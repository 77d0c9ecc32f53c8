import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnUserPoolGroup, UserPool } from 'aws-cdk-lib/aws-cognito';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { BatonTable } from './baton-table.js';

const handlerEntry = (name: string) => fileURLToPath(new URL(`../functions/handlers/${name}.ts`, import.meta.url));

/** Minimal production stack: the table and the API function behind an HTTP API. */
export class BatonStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    const { table } = new BatonTable(this, 'Data');

    // Console and API accounts; the groups are the roles the API checks.
    const users = new UserPool(this, 'Users', { selfSignUpEnabled: false, signInAliases: { email: true }, removalPolicy: RemovalPolicy.RETAIN });
    const client = users.addClient('Console', { authFlows: { userSrp: true } });
    for (const role of ['marketing', 'sales', 'rep', 'admin']) new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: users.userPoolId, groupName: role });

    const api = new NodejsFunction(this, 'ApiFunction', {
      entry: handlerEntry('api'),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(10),
      logGroup: new LogGroup(this, 'ApiLogs', { retention: RetentionDays.ONE_MONTH }),
      environment: {
        BATON_TABLE: table.tableName,
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        BATON_JWT_ISSUER: users.userPoolProviderUrl,
        BATON_JWT_AUDIENCE: client.userPoolClientId,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node22',
        // The Lambda runtime ships the AWS SDK v3; leaving it out keeps the bundle small.
        externalModules: ['@aws-sdk/*'],
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        // The free-mail and disposable-domain lists are read from disk on first use instead of being bundled.
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `mkdir -p "${outputDir}/node_modules"`,
            `cp -r "${inputDir}/node_modules/email-providers" "${inputDir}/node_modules/disposable-email-domains" "${outputDir}/node_modules/"`,
          ],
        },
      },
    });
    table.grantReadWriteData(api);

    const httpApi = new HttpApi(this, 'HttpApi', { defaultIntegration: new HttpLambdaIntegration('Api', api) });
    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
