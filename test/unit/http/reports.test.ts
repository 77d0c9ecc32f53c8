import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DetailOf, type DetailType, domainEvent } from '../../../functions/core/events/domain-event.js';
import { updateReports } from '../../../functions/app/reporting/update-reports.js';
import { anAssignedMql } from '../../fixtures/leads.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const SITE = 'test-site';
const id = (n: number) => `01JD3Q8Y8M4S0W6Q9V2ZC3RR0${n}`;
const MQL_AT = '2026-11-02T09:00:00.000Z';
const plusSeconds = (seconds: number) => new Date(Date.parse(MQL_AT) + seconds * 1000).toISOString();

describe('reports read from aggregates kept by the event consumer', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let seq = 0;
  const deliver = async <T extends DetailType>(type: T, time: string, detail: DetailOf<T>, eventId = `e-${seq++}`) =>
    updateReports(t.deps, domainEvent(type, eventId, SITE, time, detail));
  const moved = (n: number, to: string, time = MQL_AT) =>
    deliver('StageChanged', time, { visitorId: id(n), from: 'x', to, rulebookVersion: 1, subject: 'lead' });

  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    // Six leads: four from google, two from linkedin, all routed by rule "mql" under rulebook v1.
    for (const n of [1, 2, 3, 4, 5, 6])
      await t.deps.leads.save({
        ...anAssignedMql(),
        visitorId: id(n),
        source: n <= 4 ? 'google' : 'linkedin',
        campaign: n % 2 === 0 ? 'q4' : 'webinar',
        version: 1,
      });
    for (const n of [1, 2, 3, 4, 5, 6]) await moved(n, 'mql');
    for (const n of [1, 2, 3, 5]) await moved(n, 'sal');
    for (const n of [1, 2]) await moved(n, 'sql');
    await moved(1, 'opportunity');
    await moved(1, 'won');
    await moved(4, 'recycled');
    await moved(6, 'disqualified');
    // The last second of the range counts; the first second after it does not.
    await moved(5, 'sql', '2026-11-03T23:59:59.999Z');
    await moved(2, 'opportunity', '2026-11-04T00:00:00.000Z');
    // A score change is not a funnel move.
    await deliver('StageChanged', MQL_AT, { visitorId: id(1), from: 'lead', to: 'mql', rulebookVersion: 1 });
    await deliver('LeadRejected', MQL_AT, { visitorId: id(4), repId: 'rep-ana', reason: 'not-icp', source: 'google' });
    await deliver('LeadRejected', MQL_AT, {
      visitorId: id(6),
      repId: 'rep-ben',
      reason: 'competitor',
      source: 'linkedin',
    });
    // First touches 5 min, 10 min, 29.5 min (the 30-minute bucket), 2 h and 25 h after MQL.
    for (const [n, seconds] of [
      [1, 300],
      [2, 600],
      [3, 1770],
      [5, 7200],
      [6, 90_000],
    ] as const)
      await deliver('LeadActivityLogged', plusSeconds(seconds), {
        visitorId: id(n),
        repId: 'rep-ana',
        kind: 'call',
        attempt: true,
        firstTouch: true,
        mqlAt: MQL_AT,
      });
    for (let i = 0; i < 40; i++)
      await deliver('ConversationStarted', MQL_AT, {
        conversationId: `c${i}`,
        visitorId: `v${i}`,
        playbookId: 'p',
        rulebookVersion: 1,
      });
    const meeting = (n: number) => ({
      meetingId: `m${n}`,
      conversationId: null,
      visitorId: null,
      repId: 'rep-ana',
      start: MQL_AT,
      end: MQL_AT,
      visitorEmail: 'x@y.test',
      visitorName: 'X',
    });
    await deliver('MeetingBooked', MQL_AT, meeting(1), 'booked-1');
    await deliver('MeetingBooked', MQL_AT, meeting(1), 'booked-1');
    await deliver('MeetingBooked', MQL_AT, meeting(2));
    await deliver('MeetingBooked', MQL_AT, meeting(3));
    const sla = (term: string, repId: string) => ({ visitorId: id(1), term, dueAt: MQL_AT, repId });
    for (let i = 0; i < 3; i++) await deliver('SlaMet', MQL_AT, sla('first-touch', 'rep-ana'));
    await deliver('SlaBreached', MQL_AT, sla('accept-or-reject', 'rep-ana'));
    await deliver('SlaMet', MQL_AT, sla('first-touch', 'rep-ben'));
    const routed = (repId: string) => ({
      conversationId: 'c',
      visitorId: 'v',
      outcome: 'rep' as const,
      repId,
      ruleId: 'mql',
      rulebookVersion: 1,
      viaFallback: false,
    });
    for (const repId of ['rep-ana', 'rep-ana', 'rep-ana', 'rep-ben'])
      await deliver('VisitorRouted', MQL_AT, routed(repId));
    const liveChat = (n: number, repId: string, firstResponseSeconds: number | null) => ({
      conversationId: `live-${n}`,
      visitorId: `v${n}`,
      repId,
      requestedAt: MQL_AT,
      firstResponseSeconds,
    });
    await deliver('LiveChatEnded', MQL_AT, liveChat(1, 'rep-ana', 10), 'live-ended-1');
    await deliver('LiveChatEnded', MQL_AT, liveChat(1, 'rep-ana', 10), 'live-ended-1');
    await deliver('LiveChatEnded', MQL_AT, liveChat(2, 'rep-ana', 21));
    await deliver('LiveChatEnded', MQL_AT, liveChat(3, 'rep-ana', null));
    await deliver('LiveChatEnded', MQL_AT, liveChat(4, 'rep-ben', 40));
  });
  afterAll(() => store.close());

  const get = async (path: string) => {
    const response = await t.request(path, { headers: await t.bearer(['sales']) });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('counts entries into each stage and converts stage to stage, overall and by source', async () => {
    const { body } = await get(`/v1/sites/${SITE}/reports/funnel?from=2026-11-01&to=2026-11-03&groupBy=source`);

    // mql 6; sal 1,2,3,5; sql 1,2 and 5 (on the range's last day); opportunity 1 (2's is the day after); won 1.
    expect(body.entered).toEqual({
      lead: 0,
      mql: 6,
      sal: 4,
      sql: 3,
      opportunity: 1,
      won: 1,
      lost: 0,
      recycled: 1,
      disqualified: 1,
    });
    expect(body.conversion).toEqual({
      mqlToSal: 0.6667,
      salToSql: 0.75,
      sqlToOpportunity: 0.3333,
      opportunityToWon: 1,
    });
    expect(
      body.groups.map((g: any) => [g.value, g.entered.mql, g.entered.sal, g.entered.sql, g.conversion.mqlToSal]),
    ).toEqual([
      ['google', 4, 3, 2, 0.75],
      ['linkedin', 2, 1, 1, 0.5],
    ]);
  });

  it('groups by campaign, routing rule and rulebook version', async () => {
    const campaign = await get(`/v1/sites/${SITE}/reports/funnel?from=2026-11-01&to=2026-11-03&groupBy=campaign`);
    const rule = await get(`/v1/sites/${SITE}/reports/funnel?from=2026-11-01&to=2026-11-03&groupBy=rule`);
    const version = await get(`/v1/sites/${SITE}/reports/funnel?from=2026-11-01&to=2026-11-03&groupBy=rulebookVersion`);

    // Even leads (2, 4, 6) are from the q4 campaign: mql 3, sal 1 (lead 2).
    expect(campaign.body.groups.map((g: any) => [g.value, g.entered.mql, g.entered.sal])).toEqual([
      ['q4', 3, 1],
      ['webinar', 3, 3],
    ]);
    expect(rule.body.groups.map((g: any) => [g.value, g.entered.mql])).toEqual([['mql', 6]]);
    expect(version.body.groups.map((g: any) => [g.value, g.entered.mql])).toEqual([['1', 6]]);
  });

  it('reports demo booking rate, speed to lead and rejection reasons by source, counting a redelivered event once', async () => {
    // The 25-hour first touch happened on 3 November.
    const { body } = await get(`/v1/sites/${SITE}/reports/funnel?from=2026-11-02&to=2026-11-03`);

    // 3 distinct meetings ÷ 40 conversations; first touches sorted: 300, 600, 1800, 7200, 90000 s.
    expect([body.conversations, body.meetings, body.demoBookingRate]).toEqual([40, 3, 0.075]);
    expect(body.speedToLead).toEqual({ count: 5, p50Seconds: 1800, p90Seconds: 90_000 });
    expect(body.rejectionsBySource).toEqual([
      { source: 'google', total: 1, reasons: { 'not-icp': 1 } },
      { source: 'linkedin', total: 1, reasons: { competitor: 1 } },
    ]);
  });

  it('answers an empty period with zeros and no ratios', async () => {
    const { body } = await get(`/v1/sites/${SITE}/reports/funnel?from=2026-10-01&to=2026-10-31`);
    expect([body.entered.mql, body.conversion.mqlToSal, body.demoBookingRate, body.speedToLead.p50Seconds]).toEqual([
      0,
      null,
      null,
      null,
    ]);
  });

  it('reports SLA compliance per rep and team, and routing load against pool weights', async () => {
    const { body } = await get(`/v1/sites/${SITE}/reports/sla?from=2026-11-02&to=2026-11-02`);

    // Ana: 3 met, 1 breached; Ben: 1 met. Weights in the default pools: Ana 2+1, Ben 1, Carla 1+1 of 6.
    expect([body.team.met, body.team.breached, body.team.compliance]).toEqual([4, 1, 0.8]);
    expect(
      body.reps.map((rep: any) => [
        rep.repId,
        rep.met,
        rep.breached,
        rep.compliance,
        rep.routed,
        rep.routedShare,
        rep.weightShare,
      ]),
    ).toEqual([
      ['rep-ana', 3, 1, 0.75, 3, 0.75, 0.5],
      ['rep-ben', 1, 0, 1, 1, 0.25, 0.1667],
      ['rep-carla', 0, 0, null, 0, 0, 0.3333],
    ]);
    expect(body.reps[0].byTerm['accept-or-reject']).toEqual({ met: 0, breached: 1, compliance: 0 });
  });

  it('reports live chats’ first response time per rep and team, over the chats a rep wrote in', async () => {
    const { body } = await get(`/v1/sites/${SITE}/reports/sla?from=2026-11-02&to=2026-11-02`);

    // Ana 10 s and 21 s, and one chat she never wrote in (redelivered once, counted once); Ben 40 s.
    expect(body.team.liveChats).toEqual({ ended: 4, answered: 3, averageFirstResponseSeconds: 23.7 });
    expect(body.reps.map((rep: any) => [rep.repId, rep.liveChats])).toEqual([
      ['rep-ana', { ended: 3, answered: 2, averageFirstResponseSeconds: 15.5 }],
      ['rep-ben', { ended: 1, answered: 1, averageFirstResponseSeconds: 40 }],
      ['rep-carla', { ended: 0, answered: 0, averageFirstResponseSeconds: null }],
    ]);
    const none = await get(`/v1/sites/${SITE}/reports/sla?from=2026-11-03&to=2026-11-03`);
    expect(none.body.team.liveChats).toEqual({ ended: 0, answered: 0, averageFirstResponseSeconds: null });
  });

  it('refuses a range that ends before it starts or spans more than 366 days', async () => {
    const backwards = await get(`/v1/sites/${SITE}/reports/funnel?from=2026-11-02&to=2026-11-01`);
    const tooLong = await get(`/v1/sites/${SITE}/reports/sla?from=2025-01-01&to=2026-11-01`);
    const notADay = await get(`/v1/sites/${SITE}/reports/sla?from=2026-02-30&to=2026-03-01`);
    expect([backwards.status, tooLong.status, notADay.status]).toEqual([400, 400, 400]);
  });
});
