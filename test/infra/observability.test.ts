import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessMetricNames } from '../../functions/handlers/business-metrics.js';
import { actionsOf, statementsOf, templateOf } from '../support/infra-template.js';

type Resource = { Type: string; Properties: Record<string, any> };

describe('alarms and the dashboard', () => {
  let template: Template;
  let alarms: Resource[];
  let topicId: string;
  beforeAll(() => {
    template = templateOf();
    alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
  }, 180_000);

  /** The dashboard's widgets, its body's references to other resources left as placeholders. */
  const widgets = (): Array<{ properties: { title?: string; metrics: unknown[][] } }> => {
    const body = (Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource).Properties
      .DashboardBody['Fn::Join'][1] as unknown[];
    return JSON.parse(body.map((part) => (typeof part === 'string' ? part : 'REF')).join('')).widgets;
  };
  const alarmsOn = (metricName: string) => alarms.filter((alarm) => alarm.Properties.MetricName === metricName);

  it('alarm on errors and throttles of every Baton function, to one topic', () => {
    const functions = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, fn]) => (fn as Resource).Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME)
      .map(([id]) => id);
    expect(functions.length).toBeGreaterThanOrEqual(7);
    for (const metric of ['Errors', 'Throttles'])
      expect(
        alarmsOn(metric)
          .map((alarm) => alarm.Properties.Dimensions[0].Value.Ref)
          .sort(),
      ).toEqual([...functions].sort());
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it('alarm when any failure queue holds a message', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    const watched = alarmsOn('ApproximateNumberOfMessagesVisible').map(
      (alarm) => alarm.Properties.Dimensions[0].Value['Fn::GetAtt'][0],
    );
    expect(watched.sort()).toEqual(queues.sort());
    for (const alarm of alarmsOn('ApproximateNumberOfMessagesVisible'))
      expect(alarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('alarm when the outbox stream falls a minute behind, on API 5xx and on SLA breaches', () => {
    const [iteratorAge] = alarmsOn('IteratorAge');
    expect(iteratorAge!.Properties).toMatchObject({ Threshold: 60_000, Statistic: 'Maximum' });
    const [fiveXx] = alarmsOn('5xx');
    expect(fiveXx!.Properties).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: 5 });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['baton'], 'detail-type': ['SlaBreached'] },
    });
    const [sla] = alarmsOn('MatchedEvents');
    expect(sla!.Properties).toMatchObject({ Namespace: 'AWS/Events', Threshold: 1 });
  });

  it('alarm when DynamoDB throttles a read or a write of the table', () => {
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      const [throttles] = alarmsOn(metric);
      expect(throttles!.Properties, metric).toMatchObject({
        Namespace: 'AWS/DynamoDB',
        Dimensions: [{ Name: 'TableName', Value: { Ref: tableId } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('draw the same metrics on one dashboard', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardBody: Match.anyValue() });
    const body = JSON.stringify(
      (Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource).Properties.DashboardBody,
    );
    for (const title of ['Function errors', 'Failure queues', 'Outbox iterator age', 'API 5xx', 'SLA breaches'])
      expect(body).toContain(title);
  });

  it('draw the business metrics the funnel function counts and each traced function’s cold starts', () => {
    const metricsOf = (title: string) =>
      widgets().find((widget) => widget.properties.title === title)!.properties.metrics;
    expect(metricsOf('Conversations, routing and meetings')).toEqual(
      businessMetricNames.map((name) => ['Baton', name, 'service', 'baton-funnel', { stat: 'Sum' }]),
    );
    const services = Object.values(template.findResources('AWS::Lambda::Function'))
      .map((fn) => (fn as Resource).Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME as string | undefined)
      .filter((service) => service !== undefined && service !== 'baton-visitor');
    expect(services).toHaveLength(9);
    expect(
      metricsOf('Cold starts')
        .map((metric) => metric[3])
        .sort(),
    ).toEqual(services.sort());
  });

  it('keep the alarm topic on TLS only', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('tracing and metrics on every function', () => {
  let template: Template;
  beforeAll(() => {
    template = templateOf();
  }, 180_000);

  const batonFunctions = () =>
    Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => (fn as Resource).Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
    ) as Resource[];

  it('turns X-Ray active tracing on, with the permission to send segments', () => {
    expect(batonFunctions()).toHaveLength(10);
    for (const fn of batonFunctions()) {
      const service = fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string;
      expect(fn.Properties.TracingConfig, service).toEqual({ Mode: 'Active' });
      expect(actionsOf(statementsOf(template, service), 'xray:'), service).toEqual(
        expect.arrayContaining(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']),
      );
    }
  });

  it('gives Powertools the service name and the Baton namespace, and keeps responses out of traces', () => {
    for (const fn of batonFunctions())
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^baton-[a-z-]+$/),
        POWERTOOLS_METRICS_NAMESPACE: 'Baton',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      });
  });

  it('traces outgoing calls only in the functions that call AWS alone (others reach CRMs, calendars and webhooks)', () => {
    const tracingCalls = batonFunctions()
      .filter((fn) => fn.Properties.Environment.Variables.POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS === 'true')
      .map((fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME);
    expect(tracingCalls.sort()).toEqual(['baton-outbox-forwarder', 'baton-outbox-sweeper']);
    for (const fn of batonFunctions())
      expect(fn.Properties.Environment.Variables.POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS).toMatch(/^(true|false)$/);
  });
});

describe('API access logs', () => {
  let template: Template;
  beforeAll(() => {
    template = templateOf();
  }, 180_000);

  const stageOf = (protocol: 'HTTP' | 'WEBSOCKET') => {
    const [apiId] = Object.keys(
      template.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: protocol } }),
    );
    return (Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as Resource[]).find(
      (stage) => stage.Properties.ApiId.Ref === apiId,
    )!.Properties;
  };
  const logGroupOf = (settings: { DestinationArn: { 'Fn::GetAtt': [string, string] } }) =>
    (template.findResources('AWS::Logs::LogGroup')[settings.DestinationArn['Fn::GetAtt'][0]] as Resource).Properties;

  it('logs every HTTP API request as one JSON line to a log group kept a month, throttled at the edge', () => {
    const stage = stageOf('HTTP');
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      route: '$context.routeKey',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
    });
    expect(logGroupOf(stage.AccessLogSettings).RetentionInDays).toBe(30);
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 });
  });

  it('keeps personal data out of the access logs: no client address, user agent, query string or body', () => {
    for (const protocol of ['HTTP', 'WEBSOCKET'] as const) {
      const format = stageOf(protocol).AccessLogSettings.Format as string;
      expect(format, protocol).not.toMatch(/sourceIp|userAgent|querystring|rawQueryString|requestBody|\$input/i);
    }
  });

  it('logs the live-chat WebSocket API too', () => {
    const stage = stageOf('WEBSOCKET');
    expect(JSON.parse(stage.AccessLogSettings.Format)).toHaveProperty('requestId');
    expect(logGroupOf(stage.AccessLogSettings).RetentionInDays).toBeGreaterThan(0);
  });
});
