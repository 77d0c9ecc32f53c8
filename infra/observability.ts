import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { businessMetricNames } from '../functions/handlers/business-metrics.js';

export interface ObservabilityProps {
  /** Every Baton function, by the name its alarms and widgets carry. */
  functions: Record<string, IFunction>;
  /** Dead-letter and on-failure queues: anything in them is work that did not happen. */
  failureQueues: Record<string, IQueue>;
  /** The function reading the table's stream: its iterator age is how far behind the outbox is. */
  streamConsumer: IFunction;
  httpApi: HttpApi;
  bus: IEventBus;
  /** The table: a throttled read or write is a request that failed or waited (on-demand tables throttle too). */
  table: ITable;
  /** The service dimension (POWERTOOLS_SERVICE_NAME) of the function that counts the business metrics. */
  businessMetricsService: string;
  /** Each function's service name, the dimension of its Powertools ColdStart metric; the visitor function counts none. */
  services: string[];
}

/**
 * Alarms on what needs a person (function errors and throttles, anything in a failure queue, an outbox
 * falling behind, API 5xx, SLA breaches), all sent to one SNS topic, and a dashboard of the same metrics.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'Baton alarms', enforceSSL: true });
    const notify = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors(fiveMinutes), 1, `The ${name} function threw (see its log group).`);
      alarm(`${name}Throttles`, fn.metricThrottles(fiveMinutes), 1, `The ${name} function was throttled.`);
    }
    for (const [name, queue] of Object.entries(props.failureQueues))
      alarm(
        `${name}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        1,
        `${name} holds failed work: read it, fix the cause, redrive (README, failure paths).`,
      );
    const tableThrottles = (['Read', 'Write'] as const).map((kind) => {
      const metric = new Metric({
        namespace: 'AWS/DynamoDB',
        metricName: `${kind}ThrottleEvents`,
        dimensionsMap: { TableName: props.table.tableName },
        ...fiveMinutes,
      });
      alarm(`Table${kind}Throttles`, metric, 1, `DynamoDB throttled ${kind.toLowerCase()}s of the table.`);
      return metric;
    });
    const iteratorAge = new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensionsMap: { FunctionName: props.streamConsumer.functionName },
      period: Duration.minutes(5),
      statistic: 'Maximum',
    });
    alarm('OutboxIteratorAge', iteratorAge, 60_000, 'Domain events wait more than a minute to leave the table stream.');
    const api5xx = new Metric({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensionsMap: { ApiId: props.httpApi.apiId, Stage: '$default' },
      ...fiveMinutes,
    });
    alarm('Api5xx', api5xx, 5, 'The HTTP API answered 5xx five times or more in five minutes.');

    // An SLA breach is a domain event; the rule's match count is the metric.
    const slaRule = new Rule(this, 'SlaBreachRule', {
      eventBus: props.bus,
      eventPattern: { source: ['baton'], detailType: ['SlaBreached'] },
    });
    const slaBreaches = new Metric({
      namespace: 'AWS/Events',
      metricName: 'MatchedEvents',
      dimensionsMap: { RuleName: slaRule.ruleName, EventBusName: props.bus.eventBusName },
      ...fiveMinutes,
    });
    alarm('SlaBreaches', slaBreaches, 1, 'A lead was not accepted within its SLA.');

    const functions = Object.entries(props.functions);
    // Counted by the functions themselves through Powertools Metrics (EMF in their logs, functions/handlers/observed.ts).
    const own = (metricName: string, service: string) =>
      new Metric({ namespace: 'Baton', metricName, dimensionsMap: { service }, ...fiveMinutes });
    new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-baton`,
      widgets: [
        [
          new TextWidget({
            markdown:
              '# Baton\nErrors, throttles (functions; the table on the right axis), failed work, outbox lag, API, SLA, business counts and cold starts.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: functions.map(([, fn]) => fn.metricErrors(fiveMinutes)),
            width: 12,
          }),
          new GraphWidget({
            title: 'Function throttles',
            left: functions.map(([, fn]) => fn.metricThrottles(fiveMinutes)),
            right: tableThrottles,
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Function duration p99',
            left: functions.map(([, fn]) => fn.metricDuration({ period: Duration.minutes(5), statistic: 'p99' })),
            width: 12,
          }),
          new GraphWidget({
            title: 'Failure queues',
            left: Object.values(props.failureQueues).map((queue) =>
              queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
            ),
            width: 12,
          }),
        ],
        [
          new GraphWidget({ title: 'Outbox iterator age (ms)', left: [iteratorAge], width: 8 }),
          new GraphWidget({ title: 'API 5xx', left: [api5xx], width: 8 }),
          new GraphWidget({ title: 'SLA breaches', left: [slaBreaches], width: 8 }),
        ],
        [
          new GraphWidget({
            title: 'Conversations, routing and meetings',
            left: businessMetricNames.map((name) => own(name, props.businessMetricsService)),
            width: 12,
          }),
          new GraphWidget({
            title: 'Cold starts',
            left: props.services.map((service) => own('ColdStart', service)),
            width: 12,
          }),
        ],
      ],
    });
  }
}
