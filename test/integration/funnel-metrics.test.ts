import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DomainEvent, domainEvent } from '../../functions/core/events/domain-event.js';
import { type EmfLine, emfWrittenBy, metricsOf } from '../support/emf.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

const at = '2026-11-26T10:00:00.000Z';
const fromBus = (event: DomainEvent) => ({ id: `bus-${event.id}`, detail: event }) as EventBridgeEvent<string, unknown>;

describe('the funnel function counts the business metrics (EMF in its log) from the events it handled', () => {
  const scheduler = mockClient(SchedulerClient);
  const environment = { ...process.env };
  let store: TestStore;
  let handler: (event: EventBridgeEvent<string, unknown>) => Promise<void>;
  beforeAll(async () => {
    store = await startTestStore();
    // The handler composes itself from the environment as in AWS (infra/baton-stack.ts), here on the test store.
    Object.assign(process.env, {
      BATON_TABLE: store.tableName,
      BATON_PUBLIC_URL: 'https://baton.acme.example',
      BATON_TIMER_GROUP: 'baton-timers',
      BATON_TIMER_TARGET_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:Baton-dev-timer',
      BATON_TIMER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
      POWERTOOLS_SERVICE_NAME: 'baton-funnel',
      POWERTOOLS_METRICS_NAMESPACE: 'Baton',
      AWS_REGION: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
      AWS_ACCESS_KEY_ID: store.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: store.credentials.secretAccessKey,
    });
    scheduler.onAnyCommand().resolves({});
    ({ handler } = await import('../../functions/handlers/funnel.js'));
  });
  afterAll(async () => {
    process.env = environment;
    scheduler.restore();
    await store.close();
  });

  /** The business metrics' lines of one invocation (a cold start's own line left out). */
  const countedFor = async (event: DomainEvent): Promise<EmfLine[]> =>
    (await emfWrittenBy(() => handler(fromBus(event)))).filter((line) => !('ColdStart' in metricsOf(line)));

  it('counts a conversation started, in the Baton namespace under the funnel service, with its site as metadata', async () => {
    const lines = await countedFor(
      domainEvent('ConversationStarted', 'conversation-started:c-1', 'acme', at, {
        conversationId: 'c-1',
        visitorId: 'v-1',
        playbookId: 'default',
        rulebookVersion: 1,
      }),
    );

    expect(lines.map(metricsOf)).toEqual([{ ConversationsStarted: 1 }]);
    expect(lines[0]!._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'Baton', Dimensions: [['service']], Metrics: [{ Name: 'ConversationsStarted', Unit: 'Count' }] },
    ]);
    expect(lines[0]).toMatchObject({ service: 'baton-funnel', siteKey: 'acme' });
  });

  it('counts a routed conversation, and one routed by the fallback twice over', async () => {
    const routed = (id: string, viaFallback: boolean) =>
      domainEvent('VisitorRouted', `visitor-routed:${id}`, 'acme', at, {
        conversationId: id,
        visitorId: `v-${id}`,
        outcome: 'rep',
        repId: 'rep-ana',
        ruleId: viaFallback ? null : 'rule-1',
        rulebookVersion: 1,
        viaFallback,
      });

    expect((await countedFor(routed('c-2', false))).map(metricsOf)).toEqual([{ ConversationsRouted: 1 }]);
    expect((await countedFor(routed('c-3', true))).map(metricsOf)).toEqual([
      { ConversationsRouted: 1, RoutedViaFallback: 1 },
    ]);
  });

  it('counts a meeting booked without the visitor’s name or address in the line', async () => {
    const lines = await countedFor(
      domainEvent('MeetingBooked', 'meeting-booked:m-1', 'acme', at, {
        meetingId: 'm-1',
        conversationId: 'c-2',
        visitorId: 'v-c-2',
        repId: 'rep-ana',
        start: '2026-11-27T15:00:00.000Z',
        end: '2026-11-27T15:30:00.000Z',
        visitorEmail: 'dana@globex.example',
        visitorName: 'Dana Scully',
      }),
    );

    expect(lines.map(metricsOf)).toEqual([{ MeetingsBooked: 1 }]);
    expect(JSON.stringify(lines)).not.toMatch(/dana@globex|Dana Scully/);
  });

  it('counts an SLA breach', async () => {
    const lines = await countedFor(
      domainEvent('SlaBreached', 'sla-breached:v-9', 'acme', at, {
        visitorId: 'v-9',
        term: 'accept',
        dueAt: at,
        repId: 'rep-ana',
      }),
    );

    expect(lines.map(metricsOf)).toEqual([{ SlaBreaches: 1 }]);
  });

  it('writes no business line for an event that is not one of them', async () => {
    expect(await countedFor(domainEvent('MailQueued', 'mail-queued:1', 'acme', at, { mailId: 'mail-1' }))).toEqual([]);
  });
});
