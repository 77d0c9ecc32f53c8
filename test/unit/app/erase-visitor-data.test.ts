import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdays } from '../../../functions/core/routing/rep.js';
import type { ScheduledTimer } from '../../../functions/ports/timers.js';
import { aMeeting } from '../../fixtures/builders.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const EMAIL = 'rival.person@competitor.test';
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
    await t.deps.reps.put('test-site', {
      repId: 'rep-ana',
      name: 'Ana',
      email: 'ana@acme.test',
      timeZone: 'UTC',
      workingHours: weekdays([['09:00', '17:00']]),
      outOfOffice: [],
      calendars: [],
      active: true,
    });
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
