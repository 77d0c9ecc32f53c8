import {
  Aws,
  CfnOutput,
  Duration,
  Fn,
  Lazy,
  RemovalPolicy,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CfnUserPoolGroup, Mfa, UserPool } from 'aws-cdk-lib/aws-cognito';
import { EventBus, type EventPattern, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  FilterCriteria,
  FilterRule,
  StartingPosition,
  type IFunction,
  type IEventSource,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { BatonFunction, type BatonFunctionProps } from './baton-function.js';
import { Edge } from './edge.js';
import { Observability } from './observability.js';
import { Timers } from './timers.js';
import { BatonTable, grantTableActions } from './baton-table.js';
import { LiveChatApi } from './live-chat-api.js';
import type { StageConfig } from './stage-config.js';

export interface BatonStackProps extends StackProps {
  stage: string;
  config: StageConfig;
  /**
   * The WAF web ACL for the distribution, made in us-east-1 by EdgeWebAclStack (infra/baton-app.ts) when
   * this stack is in another region; without it the stack makes the ACL itself, which deploys in us-east-1 only.
   */
  webAclArn?: string;
}

/** For a function whose every outgoing call goes to AWS: each call is an X-Ray subsegment (host, path, status). */
const traceAwsCalls = { POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'true' };

/** The DynamoDB actions each function's code sends, and no others (see functions/adapters/dynamodb). */
const tableActions = {
  api: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem'],
  visitor: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem'],
  crmSync: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
  mail: ['GetItem', 'PutItem', 'DeleteItem'],
  forwarder: ['UpdateItem'],
  sweeper: ['Query', 'UpdateItem'],
  timer: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem'],
  funnel: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem'],
  // Reads the draft, reps, their meetings and the visitors; writes the job (and a calendar's refreshed token).
  simulation: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchGetItem'],
} as const;

export class BatonStack extends Stack {
  constructor(scope: Construct, id: string, props: BatonStackProps) {
    super(scope, id, props);
    const { stage, config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    Tags.of(this).add('app', 'baton');
    Tags.of(this).add('stage', stage);

    const { table } = new BatonTable(this, 'Data', { retain: config.retainData });
    const failureQueues: Record<string, Queue> = {};
    const failureQueue = (name: string) => {
      const queue = new Queue(this, name, {
        retentionPeriod: Duration.days(14),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter or on-failure queue of a function or rule target; what lands here waits for redrive (README) and raises an alarm.',
      });
      failureQueues[name] = queue;
      return queue;
    };

    // Console and API accounts; the groups are the roles the API checks.
    const users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      removalPolicy,
    });
    Validations.of(users).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus plan (threat protection) is billed per active user; staff accounts are created by an admin only, with a 12-character password policy and MFA required.',
    });
    // The console signs in through the hosted UI: authorization code with PKCE, back to its own address.
    const client = users.addClient('Console', {
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        callbackUrls: [Lazy.string({ produce: () => `${publicUrl}/admin/` })],
        logoutUrls: [Lazy.string({ produce: () => `${publicUrl}/admin/` })],
      },
      preventUserExistenceErrors: true,
    });
    // The hosted sign-in the console sends people to; the prefix is unique per account, region and stage.
    const signInDomain = users.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: Fn.join('-', ['baton', stage.toLowerCase(), Aws.ACCOUNT_ID]) },
    });
    for (const role of ['marketing', 'sales', 'rep', 'admin'])
      new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: users.userPoolId, groupName: role });

    // Where visitors reach Baton: the distribution (made below, once the HTTP API exists) or its custom domain.
    let edge: Edge | undefined;
    const publicUrl = Lazy.string({ produce: () => edge!.publicUrl });
    // CloudFront proves with this header that a request came through it (functions/http/edge-headers.ts).
    const edgeSecret = new Secret(this, 'EdgeSecret', {
      description: 'Sent by CloudFront to the API; CloudFront viewer headers are trusted only with it',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(edgeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads it at deploy time (its origin header), the API functions at run time; rotating it is a new value and a deploy (README, Deploying to AWS), with no visitor-facing effect.',
    });
    const commonEnv = { BATON_TABLE: table.tableName, BATON_JWT_ISSUER: users.userPoolProviderUrl };
    /**
     * A Baton function with the stage's log removal policy, allowed only its table actions. One invoked
     * asynchronously (`failures`) is retried twice by Lambda after a throw; then its event waits in that
     * queue for redrive. One that polls (`eventSource`) is given it before its table actions, so the role's
     * policy lists the source's statements first.
     */
    const batonFunction = (
      id: string,
      {
        tableActions: actions,
        failures,
        eventSource,
        ...props
      }: Omit<BatonFunctionProps, 'logRemovalPolicy'> & {
        tableActions: readonly string[];
        failures?: Queue;
        eventSource?: IEventSource;
      },
    ) => {
      const fn = new BatonFunction(this, id, { ...props, logRemovalPolicy: removalPolicy }).fn;
      if (failures) fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(failures) });
      if (eventSource) fn.addEventSource(eventSource);
      grantTableActions(table, fn, actions);
      return fn;
    };

    // Domain events: the table's stream feeds a forwarder that puts them on the bus (archived for replay).
    const bus = new EventBus(this, 'Events', { eventBusName: `baton-${this.stackName}` });
    bus.archive('EventArchive', { eventPattern: { source: ['baton'] }, retention: Duration.days(90) });
    const forwarderDlq = failureQueue('ForwarderDlq');
    const forwarder = batonFunction('OutboxForwarder', {
      handler: 'outbox-forwarder',
      service: 'baton-outbox-forwarder',
      environment: { BATON_TABLE: table.tableName, BATON_EVENT_BUS: bus.eventBusName, ...traceAwsCalls },
      tableActions: tableActions.forwarder,
      eventSource: new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        retryAttempts: 10,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(forwarderDlq),
        // Only writes that carry undelivered events.
        filters: [
          FilterCriteria.filter({ dynamodb: { NewImage: { outboxPk: { S: FilterRule.isEqual('PENDING') } } } }),
        ],
      }),
    });
    bus.grantPutEventsTo(forwarder);

    // What the stream forwarder gave up on stays pending in the outbox index; this puts it on the bus again.
    const sweeper = batonFunction('OutboxSweeper', {
      handler: 'outbox-sweeper',
      service: 'baton-outbox-sweeper',
      timeout: Duration.minutes(2),
      environment: { BATON_TABLE: table.tableName, BATON_EVENT_BUS: bus.eventBusName, ...traceAwsCalls },
      tableActions: tableActions.sweeper,
    });
    bus.grantPutEventsTo(sweeper);
    new Rule(this, 'OutboxSweepSchedule', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(sweeper, { retryAttempts: 0 })],
    });

    // Event consumers: a throw is retried twice by Lambda, then the event waits in the on-failure queue
    // for redrive; events EventBridge could not deliver at all wait in the rule target's dead-letter queue.
    const consumer = (id: string, fn: IFunction, eventPattern: EventPattern) => {
      new Rule(this, id, {
        eventBus: bus,
        eventPattern,
        targets: [
          new LambdaFunction(fn, {
            deadLetterQueue: failureQueue(`${id}DeliveryDlq`),
            retryAttempts: 8,
            maxEventAge: Duration.hours(24),
          }),
        ],
      });
    };

    // The CRM sync consumes every Baton event.
    const crmSyncFailures = failureQueue('CrmSyncFailures');
    const crmSync = batonFunction('CrmSync', {
      handler: 'crm-sync',
      service: 'baton-crm-sync',
      memorySize: 1024,
      timeout: Duration.minutes(2),
      environment: { ...commonEnv, BATON_PUBLIC_URL: publicUrl },
      tableActions: tableActions.crmSync,
      failures: crmSyncFailures,
    });
    consumer('CrmSyncRule', crmSync, { source: ['baton'] });

    // The only function that sends mail, so the only one allowed to send as the SES identity.
    const mailFailures = failureQueue('MailFailures');
    const mail = batonFunction('Mail', {
      handler: 'mail',
      service: 'baton-mail',
      environment: { BATON_TABLE: table.tableName, BATON_MAIL_FROM: config.mailFrom, BATON_PUBLIC_URL: publicUrl },
      tableActions: tableActions.mail,
      failures: mailFailures,
    });
    mail.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.sesIdentity })],
      }),
    );
    consumer('QueuedMailRule', mail, { source: ['baton'], detailType: ['MailQueued'] });
    consumer('FallbackAlertRule', mail, {
      source: ['baton'],
      detailType: ['VisitorRouted'],
      detail: { detail: { viaFallback: [true] } },
    });

    // Signs visitor tokens; generated at deploy, read by the functions at run time (cached five minutes).
    const visitorSecret = new Secret(this, 'VisitorTokenSecret', {
      description: 'Signs Baton visitor tokens',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(visitorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating it signs every visitor out (their tokens and conversation ids stop verifying); it is replaced by hand when it must be, and the functions use the new value within five minutes.',
    });
    // Seals reps' calendar OAuth tokens in the table (functions/composition/token-cipher.ts).
    const tokenKey = new Secret(this, 'TokenKeySecret', {
      description: "Key of the reps' calendar OAuth tokens sealed in the table",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(tokenKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand with put-secret-value (README, Deploying to AWS): the functions seal with the new value within five minutes and still open tokens sealed under the previous one (AWSPREVIOUS) until their next refresh seals them again.',
    });
    // Secrets by ARN, read at run time (functions/composition/serving-secrets.ts): none in an environment.
    const visitorEnv = {
      BATON_VISITOR_SECRET_ARN: visitorSecret.secretArn,
      BATON_TOKEN_KEY_SECRET_ARN: tokenKey.secretArn,
    };
    const edgeEnv = { BATON_EDGE_SECRET_ARN: edgeSecret.secretArn };
    const api = batonFunction('Api', {
      handler: 'api',
      service: 'baton-api',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        ...commonEnv,
        ...visitorEnv,
        BATON_JWT_AUDIENCE: client.userPoolClientId,
        BATON_COGNITO_DOMAIN: signInDomain.baseUrl(),
        BATON_CONSOLE_CLIENT_ID: client.userPoolClientId,
        BATON_PUBLIC_URL: publicUrl,
        ...edgeEnv,
      },
      bundling: {
        // Measured (`npm run bench`): with the AWS SDK bundled, the API function imports 25–50 ms faster
        // than loading the runtime's copy, though its bundle is half again as big; cold starts decide.
        externalModules: [],
        commandHooks: readOnFirstUse,
      },
      splitting: true,
      tableActions: tableActions.api,
    });
    // The public visitor API in its own small function (no console use cases, token verifier or mail client):
    // its cold starts are the ones visitors wait for.
    const visitor = batonFunction('Visitor', {
      handler: 'visitor',
      service: 'baton-visitor',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        BATON_TABLE: table.tableName,
        BATON_PUBLIC_URL: publicUrl,
        ...edgeEnv,
        ...visitorEnv,
      },
      bundling: {
        commandHooks: readOnFirstUse,
      },
      splitting: true,
      tableActions: tableActions.visitor,
    });
    const liveChat = new LiveChatApi(this, 'LiveChat', {
      table,
      environment: {
        ...commonEnv,
        ...visitorEnv,
        BATON_JWT_AUDIENCE: client.userPoolClientId,
        BATON_PUBLIC_URL: publicUrl,
      },
      pushers: [api, visitor],
      logRemovalPolicy: removalPolicy,
    });
    // Each function may read only the secrets it uses.
    for (const fn of [api, visitor, liveChat.socket]) visitorSecret.grantRead(fn);
    for (const fn of [api, visitor]) edgeSecret.grantRead(fn);

    // Timers (SLA deadlines, inactivity, reminders, live-chat offers): one-time Scheduler schedules that
    // invoke the timer function; a firing that keeps failing waits in the failure queue for redrive.
    const timerFailures = failureQueue('TimerFailures');
    const timerFunctionName = `${this.stackName}-timer`;
    const timers = new Timers(this, 'Timers', { targetFunctionName: timerFunctionName, failureQueue: timerFailures });
    const workerEnv = {
      BATON_TABLE: table.tableName,
      BATON_TOKEN_KEY_SECRET_ARN: tokenKey.secretArn,
      BATON_PUBLIC_URL: publicUrl,
      BATON_LIVE_ENDPOINT: liveChat.endpoint,
    };
    const timer = batonFunction('Timer', {
      handler: 'timer',
      service: 'baton-timer',
      functionName: timerFunctionName,
      environment: workerEnv,
      tableActions: tableActions.timer,
      failures: timerFailures,
    });
    // The funnel's consumers (lead lifecycle and its SLA timers, routing exclusions, notifications, report
    // aggregates), as the local runtime's bus runs them.
    const funnelFailures = failureQueue('FunnelFailures');
    const funnel = batonFunction('Funnel', {
      handler: 'funnel',
      service: 'baton-funnel',
      environment: workerEnv,
      tableActions: tableActions.funnel,
      failures: funnelFailures,
    });
    consumer('FunnelRule', funnel, { source: ['baton'] });
    // Rulebook simulations (SimulationRequested): 100,000 visitors outlast API Gateway's 30 s, so the API
    // only stores the job; this replays them for up to 15 minutes. Memory buys CPU (1,769 MB is one vCPU).
    const simulationFailures = failureQueue('SimulationFailures');
    const simulation = batonFunction('Simulation', {
      handler: 'simulation',
      service: 'baton-simulation',
      memorySize: 1769,
      timeout: Duration.minutes(15),
      environment: workerEnv,
      tableActions: tableActions.simulation,
      failures: simulationFailures,
    });
    consumer('SimulationRule', simulation, { source: ['baton'], detailType: ['SimulationRequested'] });
    // Whatever may refresh a rep's Google or Microsoft token reads the key that seals it.
    for (const fn of [api, visitor, liveChat.socket, timer, funnel, simulation]) tokenKey.grantRead(fn);
    for (const fn of [api, visitor, liveChat.socket, timer, funnel]) timers.allowScheduling(fn);
    liveChat.allowPush(timer);
    liveChat.allowPush(funnel);

    const apiIntegration = new HttpLambdaIntegration('Api', api);
    const httpApi = new HttpApi(this, 'HttpApi', { defaultIntegration: apiIntegration });
    Validations.of(httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        "The app authorizes every operation itself (authorize() verifies the Cognito token of staff operations); the widget's public operations must stay reachable without an account, so a gateway authorizer would refuse them.",
    });
    const visitorIntegration = new HttpLambdaIntegration('Visitor', visitor);
    // The public /v1 paths (functions/http/route-groups/visitor-routes.ts) go to the visitor function;
    // everything else, and the two console operations below those paths, to the console's.
    for (const path of [
      '/v1/conversations',
      '/v1/conversations/{proxy+}',
      '/v1/visitor-events',
      '/v1/meetings/{proxy+}',
      '/v1/sites/{siteKey}/widget-config',
    ])
      httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration: visitorIntegration });
    httpApi.addRoutes({
      path: '/v1/conversations/{conversationId}/routing-decision',
      methods: [HttpMethod.GET],
      integration: apiIntegration,
    });
    httpApi.addRoutes({
      path: '/v1/meetings/{meetingId}/no-show',
      methods: [HttpMethod.POST],
      integration: apiIntegration,
    });
    edge = new Edge(this, 'Edge', {
      httpApi,
      edgeSecret: edgeSecret.secretValue.unsafeUnwrap(),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      requestsPerFiveMinutes: config.requestsPerFiveMinutes,
      ...(config.domain ? { domain: config.domain } : {}),
      removalPolicy,
    });
    new Observability(this, 'Observability', {
      functions: {
        Api: api,
        Visitor: visitor,
        OutboxForwarder: forwarder,
        OutboxSweeper: sweeper,
        CrmSync: crmSync,
        Mail: mail,
        LiveChat: liveChat.socket,
        Timer: timer,
        Funnel: funnel,
        Simulation: simulation,
      },
      failureQueues,
      streamConsumer: forwarder,
      httpApi,
      bus,
      table,
      businessMetricsService: 'baton-funnel',
      // Every function's but the visitor's, which leaves Powertools out of its cold start (functions/handlers/observed.ts).
      services: [
        'baton-api',
        'baton-outbox-forwarder',
        'baton-outbox-sweeper',
        'baton-crm-sync',
        'baton-mail',
        'baton-live-chat',
        'baton-timer',
        'baton-funnel',
        'baton-simulation',
      ],
    });
    const stageResource = httpApi.defaultStage!.node.defaultChild as CfnStage;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy });
    // Edge limits behind the app's own: a burst beyond these gets 429 before any function runs.
    stageResource.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    // Access logs without personal data: no query strings (manage tokens), no bodies, no source IPs.
    stageResource.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        method: '$context.httpMethod',
        route: '$context.routeKey',
        path: '$context.path',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationLatencyMs: '$context.integrationLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };

    new CfnOutput(this, 'PublicUrl', {
      value: publicUrl,
      description: 'Widget, console (/admin), manage links and API (/v1)',
    });
    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'SignInDomain', { value: signInDomain.baseUrl() });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName });
    new CfnOutput(this, 'MailFailureQueue', { value: mailFailures.queueUrl });
    new CfnOutput(this, 'CrmSyncFailureQueue', { value: crmSyncFailures.queueUrl });
  }
}

/**
 * Data the functions that list slots or classify emails read from disk on first use instead of carrying in
 * their bundles: the free-mail and disposable-domain lists, and the public-holiday rules of `date-holidays`
 * (about 1.5 MB), bundled with its own dependencies into one CommonJS file the adapter requires by name.
 */
const readOnFirstUse = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    `mkdir -p "${outputDir}/node_modules/date-holidays"`,
    `cp -r "${inputDir}/node_modules/email-providers" "${inputDir}/node_modules/disposable-email-domains" "${outputDir}/node_modules/"`,
    `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/node_modules/date-holidays/lib/index.cjs" --bundle --platform=node --format=cjs --minify --log-level=warning --outfile="${outputDir}/node_modules/date-holidays/index.cjs"`,
    `echo '{"name":"date-holidays","main":"index.cjs"}' > "${outputDir}/node_modules/date-holidays/package.json"`,
  ],
};
