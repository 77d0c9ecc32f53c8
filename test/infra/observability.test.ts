import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateOf } from '../support/infra-template.js';

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

  it('draw the same metrics on one dashboard', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardBody: Match.anyValue() });
    const body = JSON.stringify(
      (Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource).Properties.DashboardBody,
    );
    for (const title of ['Function errors', 'Failure queues', 'Outbox iterator age', 'API 5xx', 'SLA breaches'])
      expect(body).toContain(title);
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
