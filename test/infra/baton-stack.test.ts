import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, tableDefinition } from '../../functions/adapters/dynamodb/table-definition.js';
import { templateOf } from '../support/infra-template.js';

describe('the CDK stack', () => {
  let template: Template;
  beforeAll(() => {
    template = templateOf();
  }, 180_000);

  it('declares the table from the same definition the local runtime uses', () => {
    const local = createTableInput('ignored');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayWith(local.AttributeDefinitions!),
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes!.map((index) =>
        Match.objectLike({ IndexName: index.IndexName, KeySchema: index.KeySchema }),
      ),
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('runs the API function on Node 24 with the table name in its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          BATON_TABLE: { Ref: Match.stringLikeRegexp('DataTable') },
          BATON_JWT_ISSUER: Match.anyValue(),
          BATON_JWT_AUDIENCE: { Ref: Match.stringLikeRegexp('UsersConsole') },
          BATON_PUBLIC_URL: Match.anyValue(),
          BATON_VISITOR_SECRET_ARN: { Ref: Match.stringLikeRegexp('VisitorTokenSecret') },
        }),
      },
    });
  });

  it('forwards committed events from the table stream to an archived bus, and the CRM sync consumes them with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::EventBus', {});
    template.hasResourceProperties('AWS::Events::Archive', { EventPattern: { source: ['baton'] } });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { outboxPk: { S: ['PENDING'] } } } }) }],
      },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['baton'] },
      Targets: [
        Match.objectLike({
          DeadLetterConfig: Match.anyValue(),
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
        }),
      ],
    });
    // API, visitor, forwarder, sweeper, CRM sync, mail, live-chat socket, timer, funnel, simulation; plus CDK's own helpers on older runtimes, if any.
    expect(
      Object.values(template.findResources('AWS::Lambda::Function')).filter(
        (fn) => (fn as { Properties: { Runtime?: string } }).Properties.Runtime === 'nodejs24.x',
      ),
    ).toHaveLength(10);
  });

  it('runs rulebook simulations in their own function on SimulationRequested, for up to 15 minutes, with a failure queue', () => {
    const [simulationId] = Object.keys(
      template.findResources('AWS::Lambda::Function', { Properties: { Timeout: 900, MemorySize: 1769 } }),
    );
    expect(simulationId).toMatch(/^SimulationFunction/);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['baton'], 'detail-type': ['SimulationRequested'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [simulationId, 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: simulationId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('routes every HTTP API request to that function', () => {
    // The other API is live chat's WebSocket API (test/infra/live-chat-api.test.ts).
    expect(
      Object.keys(template.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'HTTP' } })),
    ).toHaveLength(1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    expect(Object.keys(template.findResources('AWS::DynamoDB::Table'))).toHaveLength(1);
  });

  it("sends the public visitor paths to the visitor function and the console's operations below them to the API function", () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => (route as { Properties: { RouteKey: string; Target: unknown } }).Properties,
    );
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const functionOf = (routeKey: string) => {
      const target = JSON.stringify(routes.find((route) => route.RouteKey === routeKey)?.Target);
      const integration = Object.entries(integrations).find(([id]) => target.includes(id))?.[1];
      return JSON.stringify(integration).match(/"(Api|Visitor)[A-Za-z0-9]*Function[A-Za-z0-9]*"/)?.[1];
    };

    for (const key of [
      'ANY /v1/conversations',
      'ANY /v1/conversations/{proxy+}',
      'ANY /v1/visitor-events',
      'ANY /v1/meetings/{proxy+}',
      'ANY /v1/sites/{siteKey}/widget-config',
    ])
      expect(functionOf(key), key).toBe('Visitor');
    expect(functionOf('GET /v1/conversations/{conversationId}/routing-decision')).toBe('Api');
    expect(functionOf('POST /v1/meetings/{meetingId}/no-show')).toBe('Api');
  });
});

/** What the functions read at start, as the stack sets it. */
const functionEnv = {
  BATON_JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test',
  BATON_JWT_AUDIENCE: 'test-client',
  BATON_VISITOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:visitor-AbCdEf',
  BATON_TABLE: 'baton-test',
  BATON_EVENT_BUS: 'baton-test',
  BATON_PUBLIC_URL: 'https://chat.acme.test',
  BATON_TIMER_GROUP: 'baton-timers',
  BATON_TIMER_TARGET_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:Baton-dev-timer',
  BATON_TIMER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  AWS_REGION: 'us-east-1',
};

describe('npm run synth', () => {
  it('synthesizes the app with the CDK CLI and no AWS credentials', async () => {
    const { execFile } = await import('node:child_process');
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = await mkdtemp(join(tmpdir(), 'baton-synth-'));
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    };
    try {
      const stderr = await new Promise<string>((resolve, reject) =>
        execFile('npx', ['cdk', 'synth', '--quiet', '--output', out], { env }, (error, _stdout, stderr) =>
          error ? reject(new Error(stderr)) : resolve(stderr),
        ),
      );
      // Nothing but progress: no unset feature flags, no bundler size warnings, no cdk-nag findings.
      expect(stderr.split('\n').filter((line) => line.trim() && !line.startsWith('Bundling asset '))).toEqual([]);
      const template = JSON.parse(await readFile(join(out, 'Baton-dev.template.json'), 'utf8')) as {
        Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string } } }>;
      };
      expect(Object.values(template.Resources).map((resource) => resource.Type)).toEqual(
        expect.arrayContaining([
          'AWS::DynamoDB::Table',
          'AWS::Lambda::Function',
          'AWS::ApiGatewayV2::Api',
          'AWS::Cognito::UserPool',
        ]),
      );
      // The email lists travel beside the bundle, read on first use.
      const { readdir } = await import('node:fs/promises');
      const assets = (await readdir(out)).filter((name) => name.startsWith('asset.'));
      const withLists = await Promise.all(
        assets.map((asset) =>
          readdir(join(out, asset, 'node_modules')).then(
            (names) => names.includes('disposable-email-domains') && names.includes('email-providers'),
            () => false,
          ),
        ),
      );
      expect(withLists).toContain(true);
      // So do the public-holiday rules, as one file that loads without the rest of node_modules.
      const withHolidays = assets.filter((_asset, index) => withLists[index]);
      const { createRequire } = await import('node:module');
      for (const asset of withHolidays) {
        const Holidays = createRequire(join(out, asset, 'index.mjs'))('date-holidays') as new (
          country: string,
        ) => { getHolidays(year: number): Array<{ date: string; type: string }> };
        const days = new Holidays('US').getHolidays(2026).filter((holiday) => holiday.type === 'public');
        expect(days.map((holiday) => holiday.date.slice(0, 10))).toContain('2026-11-26');
      }
      // The code-split functions carry every chunk: their entry and each chunk read on first use load in a fresh
      // Node from the asset alone.
      const functionAssets = Object.entries(template.Resources)
        .filter(([id, resource]) => resource.Type === 'AWS::Lambda::Function' && /^(Api|Visitor)Function/.test(id))
        .map(([, resource]) => `asset.${resource.Properties?.Code?.S3Key?.replace(/\.zip$/, '')}`);
      expect(functionAssets).toHaveLength(2);
      // The visitor function takes the AWS SDK from the Lambda runtime, as here from beside the assets.
      const { mkdir, symlink } = await import('node:fs/promises');
      await mkdir(join(out, 'node_modules'));
      await symlink(join(process.cwd(), 'node_modules', '@aws-sdk'), join(out, 'node_modules', '@aws-sdk'));
      // The entry first (it reads its settings), then any chunk import() reaches.
      const load = (asset: string, chunks: string[] = []) =>
        new Promise<void>((resolve, reject) =>
          execFile(
            process.execPath,
            [
              '--input-type=module',
              '-e',
              ['index.mjs', ...chunks]
                .map((name) => `await import(${JSON.stringify(join(out, asset, name))});`)
                .join(' '),
            ],
            { env: { ...env, ...functionEnv } },
            (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve()),
          ),
        );
      for (const asset of functionAssets) {
        const chunks = (await readdir(join(out, asset))).filter(
          (name) => name.endsWith('.mjs') && name !== 'index.mjs',
        );
        expect(chunks.length, asset).toBeGreaterThan(0);
        await load(asset, chunks);
      }
      // The timer function, the funnel consumer and the simulation worker start with the settings the stack gives them.
      const workerAssets = Object.entries(template.Resources)
        .filter(
          ([id, resource]) =>
            resource.Type === 'AWS::Lambda::Function' && /^(Timer|Funnel|Simulation)Function/.test(id),
        )
        .map(([, resource]) => `asset.${resource.Properties?.Code?.S3Key?.replace(/\.zip$/, '')}`);
      expect(workerAssets).toHaveLength(3);
      for (const asset of workerAssets) await load(asset);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    // Bundling six functions took four minutes on a machine loaded five times over its cores.
  }, 600_000);
});
