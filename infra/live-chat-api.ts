import { type RemovalPolicy, Duration, CfnOutput, Stack } from 'aws-cdk-lib';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BatonFunction } from './baton-function.js';

export interface LiveChatApiProps {
  table: ITable;
  /** The API function's environment (table, token issuer and audience, public URL). */
  environment: Record<string, string>;
  /** The HTTP API function: it pushes rep and visitor messages through this API too. */
  api: LambdaFunction;
  logRemovalPolicy: RemovalPolicy;
}

/**
 * Live chat's WebSocket API: connect, disconnect and messages go to one function; connection records
 * live in the table (with a TTL); the API function and this one push through the management endpoint.
 */
export class LiveChatApi extends Construct {
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: LiveChatApiProps) {
    super(scope, id);
    const api = new WebSocketApi(this, 'Api', { apiName: `${Stack.of(this).stackName}-live` });
    const stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: api,
      stageName: 'live',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
    });
    this.endpoint = stage.callbackUrl;
    const fn = new BatonFunction(this, 'Socket', {
      handler: 'live-socket',
      service: 'baton-live-chat',
      timeout: Duration.seconds(10),
      environment: { ...props.environment, BATON_LIVE_ENDPOINT: this.endpoint },
      logRemovalPolicy: props.logRemovalPolicy,
    }).fn;
    const integration = new WebSocketLambdaIntegration('Socket', fn);
    api.addRoute('$connect', { integration });
    api.addRoute('$disconnect', { integration });
    api.addRoute('$default', { integration });
    props.table.grant(
      fn,
      ...['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchWriteItem'].map((a) => `dynamodb:${a}`),
    );
    stage.grantManagementApiAccess(fn);
    stage.grantManagementApiAccess(props.api);
    props.api.addEnvironment('BATON_LIVE_ENDPOINT', this.endpoint);
    new CfnOutput(this, 'Url', { value: stage.url });
  }
}
