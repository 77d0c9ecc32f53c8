import { describe, expect, it } from 'vitest';
import { defaultHandoffPolicy } from '../../../../functions/core/funnel/handoff-policy.js';
import {
  type Activity,
  type Actor,
  type Lead,
  LeadStage,
  MAX_ACTIVITIES,
} from '../../../../functions/core/funnel/lead.js';
import {
  actorLabel,
  type LeadCommand,
  type MoveResult,
  moveLead,
} from '../../../../functions/core/funnel/move-lead.js';
import { aLead, anAssignedMql } from '../../../fixtures/leads.js';

const ana: Actor = { kind: 'person', userId: 'user-ana', repId: 'rep-ana' };
const marketer: Actor = { kind: 'person', userId: 'user-mia', repId: null };
const router: Actor = { kind: 'event', event: 'VisitorRouted' };
const at = '2026-11-21T10:00:00.000Z';
const VISITOR = '01JD3Q8Y8M4S0W6Q9V2ZC3QQ01';
const ALL_STAGES = LeadStage.options;

const run = (lead: Lead, command: LeadCommand, by: Actor = ana) =>
  moveLead(lead, command, by, at, defaultHandoffPolicy);
const moved = (result: MoveResult) => {
  if (result.outcome !== 'moved') throw new Error(`expected a move, got ${JSON.stringify(result)}`);
  return result;
};
const event = (detailType: string, type: string, version: number, detail: Record<string, unknown>) => ({
  id: `lead:${VISITOR}:${version}:${type}`,
  time: at,
  source: 'baton',
  siteKey: 'test-site',
  version: 1,
  detailType,
  detail,
});
const route = (repId: string | null, queue: string | null = 'sales-queue'): LeadCommand => ({
  type: 'route',
  repId,
  queue,
  ruleId: 'mql-rule',
  rulebookVersion: 7,
  conversationId: 'conv-1',
});

describe('a lead leaving contact details and reaching MQL', () => {
  it('makes a visitor a lead, saying why and by whom, and ignores it at any other stage', () => {
    const result = moved(run(aLead({ stage: 'visitor', version: 4 }), { type: 'identify' }, router));

    expect(result.lead.history).toEqual([{ from: 'visitor', to: 'lead', at, by: router, why: 'left contact details' }]);
    expect(result.events).toEqual([
      event('StageChanged', 'stage', 5, {
        visitorId: VISITOR,
        from: 'visitor',
        to: 'lead',
        rulebookVersion: 0,
        subject: 'lead',
        why: 'left contact details',
        by: 'event:VisitorRouted',
      }),
    ]);
    const lead = aLead({ stage: 'lead' });
    expect(run(lead, { type: 'identify' })).toEqual({ outcome: 'ignored', lead, events: [] });
  });

  it.each(ALL_STAGES.map((stage) => [stage, ['visitor', 'lead', 'recycled'].includes(stage)] as const))(
    'reaches MQL from %s: %s, starting the MQL clock',
    (stage, reaches) => {
      const lead = aLead({ stage, mqlAt: null, rulebookVersion: 3 });
      const result = run(lead, { type: 'reach-mql' }, router);

      if (!reaches) return expect(result).toEqual({ outcome: 'ignored', lead, events: [] });
      const { lead: next, events } = moved(result);
      expect([next.stage, next.mqlAt]).toEqual(['mql', at]);
      expect(next.history.at(-1)?.why).toBe('score and ICP gates reached MQL');
      expect(events.map((e) => [e.detailType, (e.detail as { rulebookVersion?: number }).rulebookVersion])).toEqual([
        ['StageChanged', 3],
      ]);
    },
  );
});

describe('routing and booking hand a lead to sales', () => {
  it.each(ALL_STAGES.map((stage) => [stage, ['visitor', 'lead', 'recycled'].includes(stage)] as const))(
    'routes a lead at %s (hands it over: %s)',
    (stage, handsOver) => {
      const lead = aLead({ stage, ownerRepId: 'rep-bo' });
      const result = run(lead, route('rep-ana'), router);

      if (!handsOver) return expect(result).toEqual({ outcome: 'ignored', lead, events: [] });
      expect(moved(result).lead.stage).toBe('mql');
    },
  );

  it('leaves a queued lead past MQL where it is', () => {
    const queuedSal = aLead({ stage: 'sal', ownerRepId: null, queue: 'sales-queue' });

    expect(run(queuedSal, route('rep-ana'), router)).toEqual({ outcome: 'ignored', lead: queuedSal, events: [] });
  });

  it('routes a queued MQL to a rep without a second stage move, and leaves an owned MQL alone', () => {
    const queued = anAssignedMql('rep-ana', '2026-11-20T09:00:00.000Z', { ownerRepId: null, queue: 'sales-queue' });
    const owned = anAssignedMql('rep-bo');

    const result = moved(run(queued, route('rep-ana'), router));

    expect(result.lead).toEqual(
      expect.objectContaining({
        stage: 'mql',
        ownerRepId: 'rep-ana',
        queue: null,
        assignedAt: at,
        ruleId: 'mql-rule',
        rulebookVersion: 7,
        conversationId: 'conv-1',
        mqlAt: '2026-11-20T09:00:00.000Z',
        history: queued.history,
      }),
    );
    expect(result.events).toEqual([
      event('LeadAssigned', 'assigned', queued.version + 1, {
        visitorId: VISITOR,
        repId: 'rep-ana',
        queue: null,
        why: 'routed to rep-ana',
      }),
    ]);
    expect(run(owned, route('rep-ana'), router)).toEqual({ outcome: 'ignored', lead: owned, events: [] });
  });

  it('makes a routed lead an MQL, keeping an earlier MQL time, and says where it was queued when nobody was free', () => {
    const earlier = '2026-11-01T09:00:00.000Z';
    const recycled = moved(run(aLead({ stage: 'recycled', mqlAt: earlier }), route('rep-ana'), router));
    const queued = moved(run(aLead({ stage: 'lead', version: 1 }), route(null, 'sales-queue'), router));

    expect(recycled.lead.mqlAt).toBe(earlier);
    expect(recycled.events.map((e) => e.detailType)).toEqual(['StageChanged', 'LeadAssigned']);
    expect(queued.lead).toEqual(
      expect.objectContaining({ stage: 'mql', mqlAt: at, ownerRepId: null, queue: 'sales-queue', assignedAt: at }),
    );
    expect(queued.lead.history.at(-1)?.why).toBe('nobody available: queued in sales-queue');
    expect(queued.events[1]).toEqual(
      event('LeadAssigned', 'assigned', 2, {
        visitorId: VISITOR,
        repId: null,
        queue: 'sales-queue',
        why: 'nobody available: queued in sales-queue',
      }),
    );
  });

  it.each(ALL_STAGES.map((stage) => [stage, ['visitor', 'lead', 'recycled'].includes(stage)] as const))(
    'a booking raises the hand of a lead at %s (hands it over: %s)',
    (stage, handsOver) => {
      const lead = aLead({ stage, mqlAt: null, ownerRepId: 'rep-ana' });
      const result = run(lead, { type: 'book-meeting', repId: 'rep-ana' }, router);

      if (!handsOver) return expect(result).toEqual({ outcome: 'ignored', lead, events: [] });
      const { lead: next, events } = moved(result);
      expect(next).toEqual(
        expect.objectContaining({ stage: 'mql', mqlAt: at, ownerRepId: 'rep-ana', queue: null, assignedAt: at }),
      );
      expect(next.history.at(-1)).toEqual({
        from: stage,
        to: 'mql',
        at,
        by: router,
        why: 'booked a meeting with rep-ana',
      });
      expect(events.map((e) => e.detailType)).toEqual(['StageChanged', 'LeadAssigned']);
    },
  );

  it('gives a booked MQL to the rep the visitor booked, keeping its MQL time, unless that rep owns it already', () => {
    const mql = anAssignedMql('rep-bo', '2026-11-20T09:00:00.000Z', { queue: 'x' });

    const booked = moved(run(mql, { type: 'book-meeting', repId: 'rep-ana' }, router));

    expect(booked.lead).toEqual(
      expect.objectContaining({
        stage: 'mql',
        ownerRepId: 'rep-ana',
        queue: null,
        assignedAt: at,
        mqlAt: '2026-11-20T09:00:00.000Z',
        history: mql.history,
      }),
    );
    expect(booked.events).toEqual([
      event('LeadAssigned', 'assigned', mql.version + 1, {
        visitorId: VISITOR,
        repId: 'rep-ana',
        queue: null,
        why: 'booked a meeting with rep-ana',
      }),
    ]);
    const ownBooking = anAssignedMql('rep-ana');
    expect(run(ownBooking, { type: 'book-meeting', repId: 'rep-ana' }, router)).toEqual({
      outcome: 'ignored',
      lead: ownBooking,
      events: [],
    });
  });

  it('keeps an earlier MQL time when a booking brings a recycled lead back', () => {
    const earlier = '2026-11-01T09:00:00.000Z';

    expect(
      moved(run(aLead({ stage: 'recycled', mqlAt: earlier }), { type: 'book-meeting', repId: 'rep-ana' })).lead.mqlAt,
    ).toBe(earlier);
  });
});

describe('accepting a lead', () => {
  it('makes an owned MQL an SAL and keeps its owner, whoever accepts', () => {
    const mql = anAssignedMql('rep-bo', '2026-11-20T09:00:00.000Z');

    const result = moved(run(mql, { type: 'accept' }, ana));

    expect([result.lead.stage, result.lead.ownerRepId, result.lead.assignedAt]).toEqual([
      'sal',
      'rep-bo',
      '2026-11-20T09:00:00.000Z',
    ]);
    expect(result.lead.history.at(-1)?.why).toBe('accepted');
    expect(result.events[1]).toEqual(
      event('LeadAccepted', 'accepted', mql.version + 1, { visitorId: VISITOR, repId: 'rep-bo' }),
    );
  });

  it.each([
    ['a person who is no rep', marketer],
    ['an event', router],
  ])('leaves a queued lead unowned when %s accepts it', (_, by) => {
    const queued = anAssignedMql('rep-ana', '2026-11-20T09:00:00.000Z', { ownerRepId: null, queue: 'sales-queue' });

    const result = moved(run(queued, { type: 'accept' }, by));

    expect([result.lead.ownerRepId, result.lead.queue, result.lead.assignedAt]).toEqual([
      null,
      'sales-queue',
      '2026-11-20T09:00:00.000Z',
    ]);
    expect(result.events[1]?.detail).toEqual({ visitorId: VISITOR, repId: '' });
  });

  it('refuses a lead past MQL, naming its stage', () => {
    expect(run(aLead({ stage: 'sal' }), { type: 'accept' })).toEqual({
      outcome: 'refused',
      kind: 'conflict',
      reason: 'Only an MQL can be accepted; this lead is sal.',
    });
  });
});

describe('logging activity', () => {
  const log = (lead: Lead, attempt: boolean, kind: Activity['kind'] = 'call') =>
    run(lead, { type: 'log-activity', kind, attempt, note: attempt ? 'rang' : null });

  it.each(
    ALL_STAGES.map((stage) => [stage, ['mql', 'sal', 'sql', 'opportunity', 'recycled'].includes(stage)] as const),
  )('logs on a lead at %s: %s', (stage, open) => {
    const result = log(aLead({ stage }), true);

    if (open) expect(moved(result).lead.activities).toHaveLength(1);
    else
      expect(result).toEqual({
        outcome: 'refused',
        kind: 'conflict',
        reason: `Activity is logged on open leads; this lead is ${stage}.`,
      });
  });

  it('records a note without counting it as an attempt or a first touch', () => {
    const mql = anAssignedMql();

    const result = moved(log(mql, false, 'note'));

    expect([result.lead.attempts, result.lead.firstTouchAt, result.lead.stage]).toEqual([0, null, 'mql']);
    expect(result.lead.history).toBe(mql.history);
    expect(result.events).toEqual([
      event('LeadActivityLogged', 'activity', mql.version + 1, {
        visitorId: VISITOR,
        repId: 'rep-ana',
        kind: 'note',
        attempt: false,
        firstTouch: false,
        mqlAt: mql.mqlAt,
      }),
    ]);
  });

  it('marks only the first attempt as the first touch', () => {
    const first = moved(log(anAssignedMql(), true));
    const second = moved(log(first.lead, true));

    expect(first.lead.activities).toEqual([{ kind: 'call', at, by: ana, attempt: true, note: 'rang' }]);
    expect(first.events[0]?.detail).toEqual(expect.objectContaining({ firstTouch: true }));
    expect(second.events[0]?.detail).toEqual(expect.objectContaining({ firstTouch: false }));
    expect(second.lead.activities).toHaveLength(2);
  });

  it(`keeps the last ${MAX_ACTIVITIES} activities`, () => {
    const activities = Array.from({ length: MAX_ACTIVITIES }, (_, i) => ({
      kind: 'note' as const,
      at: new Date(Date.parse('2026-11-01T00:00:00.000Z') + i * 60_000).toISOString(),
      by: ana,
      attempt: false,
      note: `note ${i}`,
    }));

    const result = moved(log(anAssignedMql('rep-ana', '2026-11-20T09:00:00.000Z', { activities }), true));

    expect(result.lead.activities).toHaveLength(MAX_ACTIVITIES);
    expect(result.lead.activities[0]?.note).toBe('note 1');
    expect(result.lead.activities.at(-1)?.note).toBe('rang');
  });
});

describe('reassigning a lead on a breach', () => {
  const reassign = (lead: Lead, repId = 'rep-bo') =>
    run(lead, { type: 'reassign', repId, why: 'first touch missed' }, router);

  it.each(['mql', 'sal'] as const)('gives an open %s to the next rep, saying why', (stage) => {
    const lead = anAssignedMql('rep-ana', '2026-11-20T09:00:00.000Z', { stage, queue: 'x' });

    const result = moved(reassign(lead));

    expect(result.lead).toEqual(
      expect.objectContaining({ stage, ownerRepId: 'rep-bo', queue: null, assignedAt: at, history: lead.history }),
    );
    expect(result.events).toEqual([
      event('LeadAssigned', 'assigned', lead.version + 1, {
        visitorId: VISITOR,
        repId: 'rep-bo',
        queue: null,
        why: 'first touch missed',
      }),
    ]);
  });

  it('ignores giving a lead to the rep who has it', () => {
    const lead = anAssignedMql('rep-bo');

    expect(reassign(lead)).toEqual({ outcome: 'ignored', lead, events: [] });
  });

  it.each(ALL_STAGES.filter((stage) => stage !== 'mql' && stage !== 'sal'))('refuses a lead at %s', (stage) => {
    expect(reassign(aLead({ stage, ownerRepId: 'rep-ana' }))).toEqual({
      outcome: 'refused',
      kind: 'conflict',
      reason: `Only an open MQL or SAL is reassigned; this lead is ${stage}.`,
    });
  });
});

describe('rejecting a lead', () => {
  const reject = (lead: Lead, reasonId: string, extra: Partial<Extract<LeadCommand, { type: 'reject' }>> = {}) =>
    run(lead, { type: 'reject', reasonId, note: null, recontactAt: null, drop: false, ...extra });

  it.each(ALL_STAGES.filter((stage) => stage !== 'mql' && stage !== 'sal'))('refuses a lead at %s', (stage) => {
    expect(reject(aLead({ stage }), 'competitor')).toEqual({
      outcome: 'refused',
      kind: 'conflict',
      reason: `Only an MQL or SAL can be rejected; this lead is ${stage}.`,
    });
  });

  it('rejects an SAL as well as an MQL', () => {
    expect(moved(reject(aLead({ stage: 'sal', ownerRepId: 'rep-ana' }), 'competitor')).lead.stage).toBe('disqualified');
  });

  it.each([
    [
      'an unknown reason, listing the known ones',
      'too-small',
      {},
      'Unknown rejection reason "too-small"; the rulebook has: wrong-data, not-icp, bad-timing, already-customer, competitor.',
    ],
    ['a reason needing a note without one', 'wrong-data', { note: '' }, 'The reason "wrong-data" needs a note.'],
    ['a reason needing a date without one', 'bad-timing', {}, 'The reason "bad-timing" needs a recontact date.'],
    ['a recontact date now', 'bad-timing', { recontactAt: at }, 'The recontact date must be in the future.'],
    [
      'a recontact date in the past, whatever the reason',
      'not-icp',
      { recontactAt: '2026-11-21T09:59:59.999Z' },
      'The recontact date must be in the future.',
    ],
  ])('refuses %s', (_, reasonId, extra, reason) => {
    expect(reject(anAssignedMql(), reasonId, extra)).toEqual({ outcome: 'refused', kind: 'invalid', reason });
  });

  it('records the rejection, says why with the note, and tells the rep who had it', () => {
    const mql = anAssignedMql('rep-ana', '2026-11-20T09:00:00.000Z', { version: 5 });

    const result = moved(reject(mql, 'wrong-data', { note: 'phone is fake' }));

    expect(result.lead.rejection).toEqual({
      reasonId: 'wrong-data',
      action: 'back-to-marketing',
      note: 'phone is fake',
      recontactAt: null,
      by: ana,
      at,
    });
    expect(result.lead.history.at(-1)?.why).toBe('rejected: Wrong or incomplete data (phone is fake)');
    expect(result.lead.assignedAt).toBeNull();
    expect(result.events.map((e) => e.id)).toEqual([`lead:${VISITOR}:6:stage`, `lead:${VISITOR}:6:rejected`]);
  });

  it('says why without a note, and reports an unowned lead’s rejection with no rep', () => {
    const result = moved(reject(anAssignedMql('rep-ana', at, { ownerRepId: null }), 'competitor'));

    expect(result.lead.history.at(-1)?.why).toBe('rejected: Works for a competitor');
    expect(result.events[1]?.detail).toEqual(expect.objectContaining({ repId: '' }));
  });

  it('keeps a competitor excluded whatever the next rejection', () => {
    const excluded = anAssignedMql('rep-ana', at, { excludedFromRouting: true });

    expect(moved(reject(excluded, 'not-icp')).lead.excludedFromRouting).toBe(true);
  });
});

describe('moving a lead by hand', () => {
  const move = (lead: Lead, to: LeadStage, extra: Partial<Extract<LeadCommand, { type: 'move' }>> = {}) =>
    run(lead, { type: 'move', to, why: 'worked it', qualification: null, ...extra });

  it('names both stages when a move is not allowed', () => {
    expect(move(aLead({ stage: 'won' }), 'lost')).toEqual({
      outcome: 'refused',
      kind: 'conflict',
      reason: 'A lead cannot move from won to lost.',
    });
  });

  it('points to acceptance and to rejection for the moves that need them', () => {
    expect(move(anAssignedMql(), 'sal')).toEqual({
      outcome: 'refused',
      kind: 'conflict',
      reason: 'An MQL becomes SAL by being accepted (acceptLead).',
    });
    for (const [from, to] of [
      ['mql', 'lead'],
      ['mql', 'recycled'],
      ['mql', 'disqualified'],
      ['sal', 'lead'],
      ['sal', 'recycled'],
      ['sal', 'disqualified'],
    ] as const)
      expect(move(aLead({ stage: from }), to)).toEqual({
        outcome: 'refused',
        kind: 'conflict',
        reason: `Sales hands back an ${from} by rejecting it with a reason (rejectLead).`,
      });
    expect(move(aLead({ stage: 'sal' }), 'sql')).toEqual({
      outcome: 'refused',
      kind: 'invalid',
      reason: 'An SQL needs its qualification: every BANT or every MEDDIC field.',
    });
  });

  it('lets marketing hand back or drop a lead it has', () => {
    expect(moved(move(aLead({ stage: 'lead' }), 'disqualified')).lead.stage).toBe('disqualified');
    expect(moved(move(aLead({ stage: 'lead' }), 'recycled')).lead.stage).toBe('recycled');
  });

  it('recycles a lost deal to the nurture queue, unowned', () => {
    const lost = aLead({
      stage: 'lost',
      ownerRepId: 'rep-ana',
      assignedAt: at,
      queue: null,
      mqlAt: '2026-11-01T00:00:00.000Z',
    });

    const result = moved(move(lost, 'recycled'));

    expect(result.lead).toEqual(
      expect.objectContaining({
        stage: 'recycled',
        queue: 'nurture',
        ownerRepId: null,
        assignedAt: null,
        mqlAt: '2026-11-01T00:00:00.000Z',
        qualification: null,
      }),
    );
    expect(result.events).toEqual([
      event('StageChanged', 'stage', lost.version + 1, {
        visitorId: VISITOR,
        from: 'lost',
        to: 'recycled',
        rulebookVersion: 0,
        subject: 'lead',
        why: 'worked it',
        by: 'person:user-ana',
      }),
    ]);
  });

  it('restarts the MQL clock and clears an old rejection when a recycled lead becomes an MQL again', () => {
    const recycled = aLead({
      stage: 'recycled',
      queue: 'nurture',
      ownerRepId: 'rep-ana',
      mqlAt: '2026-11-01T00:00:00.000Z',
      rejection: {
        reasonId: 'bad-timing',
        action: 'nurture',
        note: null,
        recontactAt: '2026-12-01T00:00:00.000Z',
        by: ana,
        at: '2026-11-02T00:00:00.000Z',
      },
    });

    const result = moved(move(recycled, 'mql'));

    expect(result.lead).toEqual(
      expect.objectContaining({ stage: 'mql', mqlAt: at, rejection: null, queue: null, ownerRepId: 'rep-ana' }),
    );
  });

  it('leaves everything but the stage alone on an ordinary move', () => {
    const sql = aLead({
      qualification: { framework: 'BANT', budget: '50k', authority: 'VP', need: 'routing', timeline: 'Q1' },
      stage: 'sql',
      ownerRepId: 'rep-ana',
      queue: 'q',
      mqlAt: '2026-11-01T00:00:00.000Z',
      rulebookVersion: 4,
    });

    const result = moved(move(sql, 'opportunity', { qualification: null }));

    expect(result.lead).toEqual({
      ...sql,
      stage: 'opportunity',
      history: [{ from: 'sql', to: 'opportunity', at, by: ana, why: 'worked it' }],
      updatedAt: at,
      version: sql.version + 1,
    });
    expect(result.events[0]?.detail).toEqual(expect.objectContaining({ rulebookVersion: 4 }));
  });
});

describe('who moved a lead', () => {
  it.each([
    [ana, 'person:user-ana'],
    [marketer, 'person:user-mia'],
    [router, 'event:VisitorRouted'],
  ] as const)('labels %j as %s', (by, label) => {
    expect(actorLabel(by)).toBe(label);
  });
});
