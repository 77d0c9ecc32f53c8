import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgeSchedulerTimers } from '../../../functions/adapters/scheduler/timers.eventbridge-scheduler.js';
import { scheduledSlaTimer } from '../../../functions/app/funnel/sla-timer.js';
import { scheduleOfferExpiry } from '../../../functions/app/live-chat/offer-timer.js';
import { scheduleReminders } from '../../../functions/app/scheduling/meeting-reminders.js';
import { scheduleInactivity } from '../../../functions/app/timers/schedule-inactivity.js';
import { defaultHandoffPolicy } from '../../../functions/core/funnel/handoff-policy.js';
import { slaTimersOf } from '../../../functions/core/funnel/sla.js';
import type { LiveChat } from '../../../functions/core/live-chat/live-chat.js';
import { anAssignedMql } from '../../fixtures/leads.js';
import type { ScheduledTimer } from '../../../functions/ports/timers.js';
import { aMeeting, aRep } from '../../fixtures/builders.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const EMAIL = 'rival.person@competitor.test';
/** Meetings are found through their rep's listing, so the rep is in the directory. */
const ana = aRep('rep-ana', { name: 'Ana', email: 'ana@acme.test', timeZone: 'UTC' });
/** The store lists items in DynamoDB's attribute-value form. */
const keyOf = (item: Record<string, unknown>) => ({
  pk: (item.pk as { S: string }).S,
  sk: (item.sk as { S: string }).S,
});

describe('erasing a person also reaches their timers, and keeps the competitor exclusion as a hash', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    await t.deps.reps.put('test-site', ana);
  });
  afterAll(() => store.close());

  const timer = (id: string, kind: ScheduledTimer['kind'], payload: ScheduledTimer['payload']): ScheduledTimer => ({
    id,
    siteKey: 'test-site',
    dueAt: '2026-12-01T09:00:00.000Z',
    kind,
    payload,
  });

  it("removes the reminder, SLA, inactivity and live-offer timers that name the person's meeting, visitor or conversation, and no one else's", async () => {
    const visitor = t.visitor();
    const started = await visitor.json('/v1/conversations', { siteKey: 'test-site' });
    const { conversation } = (await started.json()) as { conversation: { id: string; visitorId: string } };
    await visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'identify', answers: { email: EMAIL, name: 'Rita Rival' } },
    });
    const meeting = aMeeting({
      meetingId: '01JD3Q8Y8M4S0W6Q9V2ZC3MM77',
      visitorId: conversation.visitorId,
      conversationId: conversation.id,
      visitor: { name: 'Rita Rival', email: EMAIL, timeZone: 'UTC' },
    });
    await t.deps.meetings.put(meeting);
    const theirs = [
      timer('reminder-24h-theirs', 'reminder', { meetingId: meeting.meetingId, start: meeting.start, reminder: '24h' }),
      timer('sla-theirs', 'sla', { slaId: 'sla-1', visitorId: conversation.visitorId, term: 'follow-up' }),
      timer('inactivity-theirs', 'inactivity', { visitorId: conversation.visitorId }),
      timer('live-offer-theirs', 'live-offer', { conversationId: conversation.id }),
    ];
    const someoneElses = [
      timer('reminder-24h-other', 'reminder', { meetingId: '01JD3Q8Y8M4S0W6Q9V2ZC3MM99', reminder: '24h' }),
      timer('inactivity-other', 'inactivity', { visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3AV99' }),
    ];
    for (const scheduled of [...theirs, ...someoneElses]) await t.deps.timers.schedule(scheduled);

    const erased = await t.json(
      '/v1/sites/test-site/privacy/erase',
      { email: EMAIL },
      { headers: await t.bearer(['admin']) },
    );

    expect(erased.status).toBe(200);
    const timersLeft = (await store.allItems())
      .map(keyOf)
      .filter((key) => key.pk.startsWith('TIMER#'))
      .map((key) => key.pk.slice('TIMER#'.length));
    expect(timersLeft.sort()).toEqual(someoneElses.map((left) => left.id).sort());
  });

  it('keeps the exclusion of an erased competitor: it still matches their email, and holds only its hash', async () => {
    const visitor = t.visitor();
    const seen = await visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'identify', answers: { email: 'second.rival@competitor.test' } },
    });
    expect(seen.status).toBe(200);
    await t.deps.accounts.exclude(
      'test-site',
      { email: 'second.rival@competitor.test', domain: 'competitor.test' },
      { reason: 'competitor', at: '2026-11-26T05:00:00.000Z' },
    );

    await t.json(
      '/v1/sites/test-site/privacy/erase',
      { email: 'second.rival@competitor.test' },
      { headers: await t.bearer(['admin']) },
    );

    const lookup = await t.deps.accounts.findForContact('test-site', {
      accountDomain: null,
      email: 'Second.Rival@competitor.test ',
      domain: null,
    });
    expect(lookup.exclusion).toEqual({ reason: 'competitor', at: '2026-11-26T05:00:00.000Z' });
    // The erasure event carries the address to the CRMs until delivered; the exclusion never holds it.
    const exclusions = (await store.allItems()).filter((item) => keyOf(item).pk === 'SITE#test-site#EXCLUSIONS');
    expect(exclusions.map((item) => keyOf(item).sk)).toContainEqual(expect.stringMatching(/^EMAIL#[0-9a-f]{64}$/));
    expect(JSON.stringify(exclusions)).not.toContain('second.rival');
  });
});

describe('erasing a person in AWS deletes their pending EventBridge Scheduler schedules', () => {
  const scheduler = mockClient(SchedulerClient);
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    scheduler.reset();
    scheduler.on(CreateScheduleCommand).resolves({});
    // Scheduler answers "not found" for a name it does not hold (never scheduled, or fired and deleted).
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));
    store = await startTestStore();
    t = await createTestApp(store, {
      timers: new EventBridgeSchedulerTimers({
        client: new SchedulerClient({ region: 'eu-west-1' }),
        groupName: 'baton-timers',
        targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:Test-timer',
        roleArn: 'arn:aws:iam::123456789012:role/scheduler',
        clock: () => new Date('2026-11-25T10:00:00.000Z'),
      }),
    });
    await t.deps.reps.put('test-site', ana);
  });
  afterAll(() => store.close());

  /** Everything the use cases schedule for one person: inactivity, a live offer, reminders, SLA deadlines. */
  const schedulePerson = async (email: string, meetingId: string) => {
    const visitor = t.visitor();
    const started = await visitor.json('/v1/conversations', { siteKey: 'test-site' });
    const { conversation } = (await started.json()) as { conversation: { id: string; visitorId: string } };
    await visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'identify', answers: { email, name: 'Rita Rival' } },
    });
    const meeting = aMeeting({
      meetingId,
      visitorId: conversation.visitorId,
      conversationId: conversation.id,
      start: '2026-12-03T15:00:00.000Z',
      end: '2026-12-03T15:30:00.000Z',
      blockedStart: '2026-12-03T15:00:00.000Z',
      blockedEnd: '2026-12-03T15:40:00.000Z',
      visitor: { name: 'Rita Rival', email, timeZone: 'UTC' },
    });
    await t.deps.meetings.put(meeting);
    const lead = anAssignedMql('rep-ana', '2026-11-25T09:00:00.000Z', {
      visitorId: conversation.visitorId,
      conversationId: conversation.id,
      version: 1,
    });
    await t.deps.leads.save(lead);
    await scheduleInactivity(t.deps, 'test-site', conversation.visitorId);
    await scheduleReminders(t.deps, meeting);
    await scheduleOfferExpiry(t.deps, {
      siteKey: 'test-site',
      conversationId: conversation.id,
      status: 'offered',
      offerExpiresAt: '2026-11-25T10:05:00.000Z',
    } as LiveChat);
    for (const sla of slaTimersOf(lead, defaultHandoffPolicy)) await t.deps.timers.schedule(scheduledSlaTimer(sla));
  };
  const created = () => scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input.Name!);
  const deletedNames = () => scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input.Name!);

  it("deletes every schedule made for the person's visitor, conversation, meeting and lead, and none of anyone else's", async () => {
    await schedulePerson('erase.me@acme-corp.test', '01JD3Q8Y8M4S0W6Q9V2ZC3MM01');
    const theirs = new Set(created());
    await schedulePerson('stay@other-corp.test', '01JD3Q8Y8M4S0W6Q9V2ZC3MM02');
    const someoneElses = created().filter((name) => !theirs.has(name));
    expect([...theirs].map((name) => name.split('-')[0]).sort()).toEqual(
      expect.arrayContaining(['inactivity', 'live', 'reminder', 'reminder', 'sla']),
    );
    scheduler.resetHistory();

    const erased = await t.json(
      '/v1/sites/test-site/privacy/erase',
      { email: 'erase.me@acme-corp.test' },
      { headers: await t.bearer(['admin']) },
    );

    expect(erased.status).toBe(200);
    const deleted = deletedNames();
    expect(deleted).toEqual(expect.arrayContaining([...theirs]));
    expect(deleted.filter((name) => someoneElses.includes(name))).toEqual([]);
    for (const call of scheduler.commandCalls(DeleteScheduleCommand))
      expect(call.args[0].input.GroupName).toBe('baton-timers');
  });

  it('still erases the data and answers 200 when Scheduler refuses a deletion (the schedule fires into nothing)', async () => {
    await schedulePerson('throttled@acme-corp.test', '01JD3Q8Y8M4S0W6Q9V2ZC3MM03');
    scheduler.on(DeleteScheduleCommand).rejects(new Error('Rate exceeded'));

    const erased = await t.json(
      '/v1/sites/test-site/privacy/erase',
      { email: 'throttled@acme-corp.test' },
      { headers: await t.bearer(['admin']) },
    );

    expect(erased.status).toBe(200);
    expect((await t.deps.meetings.get('01JD3Q8Y8M4S0W6Q9V2ZC3MM03'))?.visitor.email).not.toBe(
      'throttled@acme-corp.test',
    );
    scheduler
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));
  });
});
