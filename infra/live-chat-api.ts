import { type RemovalPolicy, Duration, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import type { CfnApi, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BatonFunction } from './baton-function.js';
import { grantTableActions } from './baton-table.js';
import { nagEnvironment } from './compliance.js';

export interface LiveChatApiProps {
  table: ITable;
  /** The API function's environment (table, token issuer and audience, public URL). */
  environment: Record<string, string>;
  /** The HTTP API's functions (console and visitor): they push rep and visitor messages through this API too. */
  pushers: LambdaFunction[];
  logRemovalPolicy: RemovalPolicy;
}

/**
 * Live chat's WebSocket API: connect, disconnect and messages go to one function; connection records
 * live in the table (with a TTL); the API function and this one push through the management endpoint.
 */
export class LiveChatApi extends Construct {
  readonly endpoint: string;
  /** The function behind the socket routes (alarms and the dashboard watch it). */
  readonly socket: LambdaFunction;
  /** Lets another function push to connections (it gets BATON_LIVE_ENDPOINT from its own environment). */
  readonly allowPush: (pusher: LambdaFunction) => void;

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
    // Connection and message records without personal data: no source IPs, no message bodies.
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });
    (stage.node.defaultChild as CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        route: '$context.routeKey',
        eventType: '$context.eventType',
        connectionId: '$context.connectionId',
        status: '$context.status',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The socket function authorizes every message itself (a rep by the Cognito token it verifies, a visitor by the conversation it joins); a browser WebSocket cannot send the headers a gateway authorizer reads.',
    });
    const fn = new BatonFunction(this, 'Socket', {
      handler: 'live-socket',
      service: 'baton-live-chat',
      timeout: Duration.seconds(10),
      environment: { ...props.environment, BATON_LIVE_ENDPOINT: this.endpoint },
      logRemovalPolicy: props.logRemovalPolicy,
    }).fn;
    this.socket = fn;
    const integration = new WebSocketLambdaIntegration('Socket', fn);
    api.addRoute('$connect', { integration });
    api.addRoute('$disconnect', { integration });
    api.addRoute('$default', { integration });
    grantTableActions(props.table, fn, ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchWriteItem']);
    const { partition, account, region } = nagEnvironment(Stack.of(this));
    const connectionsAck = {
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:execute-api:${region}:${account}:<${Stack.of(this).getLogicalId(api.node.defaultChild as CfnApi)}>/live/*/@connections/*]`,
      reason: "Pushes go to connections of this API's live stage only; connection ids exist only at run time.",
    };
    this.allowPush = (pusher: LambdaFunction) => {
      stage.grantManagementApiAccess(pusher);
      Validations.of(pusher.role!).acknowledge(connectionsAck);
    };
    for (const pusher of [fn, ...props.pushers]) this.allowPush(pusher);
    for (const pusher of props.pushers) pusher.addEnvironment('BATON_LIVE_ENDPOINT', this.endpoint);
    new CfnOutput(this, 'Url', { value: stage.url });
  }
}
