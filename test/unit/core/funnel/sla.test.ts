import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../../../../functions/core/funnel/handoff-policy.js';
import { type Actor, type Lead, LeadStage, type StageMove } from '../../../../functions/core/funnel/lead.js';
import { judgeSla, type SlaTimer, slaChanges, slaTimersOf } from '../../../../functions/core/funnel/sla.js';
import { aLead, anAssignedMql } from '../../../fixtures/leads.js';

const ana: Actor = { kind: 'person', userId: 'user-ana', repId: 'rep-ana' };
const ASSIGNED = '2026-11-20T09:00:00.000Z';
const ACCEPTED = '2026-11-20T11:00:00.000Z';
const ALL_STAGES = LeadStage.options;

const term = (overrides: Partial<SlaPolicy> & Pick<SlaPolicy, 'term'>): SlaPolicy => ({
  withinMinutes: 60,
  reassign: false,
  ...overrides,
});
const policyOf = (...sla: SlaPolicy[]) => ({ sla });
const move = (from: LeadStage, to: LeadStage, at: string): StageMove => ({ from, to, at, by: ana, why: 'test' });
const minutesAfter = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
const msBefore = (at: string, ms: number) => new Date(Date.parse(at) - ms).toISOString();

/** An MQL Ana accepted at ACCEPTED, with `attempts` follow-up attempts made. */
const anAcceptedLead = (overrides: Partial<Lead> = {}) =>
  anAssignedMql('rep-ana', ASSIGNED, {
    stage: 'sal',
    history: [move('lead', 'mql', ASSIGNED), move('mql', 'sal', ACCEPTED)],
    ...overrides,
  });

const aTimer = (overrides: Partial<SlaTimer> & Pick<SlaTimer, 'term'>): SlaTimer => ({
  id: 'sla:test',
  siteKey: 'test-site',
  visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3QQ01',
  repId: 'rep-ana',
  startedAt: ASSIGNED,
  dueAt: minutesAfter(ASSIGNED, 60),
  ...overrides,
});

describe('the SLA deadlines a lead runs against', () => {
  it('starts each term at its own moment and names the timer by lead, term and start', () => {
    const lead = anAssignedMql('rep-ana', ASSIGNED, { mqlAt: '2026-11-20T08:30:00.000Z' });
    const policy = policyOf(
      term({ term: 'in-crm', withinMinutes: 240 }),
      term({ term: 'first-touch', withinMinutes: 1440 }),
      term({ term: 'accept-or-reject', withinMinutes: 2880 }),
    );

    expect(slaTimersOf(lead, policy)).toEqual([
      {
        id: 'sla:test-site:01JD3Q8Y8M4S0W6Q9V2ZC3QQ01:in-crm:2026-11-20T08:30:00.000Z',
        siteKey: 'test-site',
        visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3QQ01',
        term: 'in-crm',
        repId: null,
        startedAt: '2026-11-20T08:30:00.000Z',
        dueAt: '2026-11-20T12:30:00.000Z',
      },
      {
        id: `sla:test-site:01JD3Q8Y8M4S0W6Q9V2ZC3QQ01:first-touch:${ASSIGNED}`,
        siteKey: 'test-site',
        visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3QQ01',
        term: 'first-touch',
        repId: 'rep-ana',
        startedAt: ASSIGNED,
        dueAt: '2026-11-21T09:00:00.000Z',
      },
      {
        id: `sla:test-site:01JD3Q8Y8M4S0W6Q9V2ZC3QQ01:accept-or-reject:${ASSIGNED}`,
        siteKey: 'test-site',
        visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3QQ01',
        term: 'accept-or-reject',
        repId: 'rep-ana',
        startedAt: ASSIGNED,
        dueAt: '2026-11-22T09:00:00.000Z',
      },
    ]);
  });

  it('runs no deadline when the policy has none', () => {
    expect(slaTimersOf(anAssignedMql(), policyOf())).toEqual([]);
  });

  it('runs the CRM deadline only once the lead reached MQL', () => {
    const policy = policyOf(term({ term: 'in-crm' }));

    expect(slaTimersOf(aLead({ mqlAt: null }), policy)).toEqual([]);
    expect(slaTimersOf(aLead({ mqlAt: ASSIGNED }), policy).map((timer) => timer.term)).toEqual(['in-crm']);
  });

  it.each(ALL_STAGES.map((stage) => [stage, ['mql', 'sal', 'sql', 'opportunity'].includes(stage)] as const))(
    'runs the first-touch deadline at stage %s: %s',
    (stage, runs) => {
      const timers = slaTimersOf(
        anAssignedMql('rep-ana', ASSIGNED, { stage }),
        policyOf(term({ term: 'first-touch' })),
      );

      expect(timers.length).toBe(runs ? 1 : 0);
    },
  );

  it.each(ALL_STAGES.map((stage) => [stage, stage === 'mql'] as const))(
    'runs the accept-or-reject deadline at stage %s: %s',
    (stage, runs) => {
      const timers = slaTimersOf(
        anAssignedMql('rep-ana', ASSIGNED, { stage }),
        policyOf(term({ term: 'accept-or-reject' })),
      );

      expect(timers.length).toBe(runs ? 1 : 0);
    },
  );

  it.each([
    ['no owner', { ownerRepId: null }],
    ['no assignment time', { assignedAt: null }],
  ])('runs no rep deadline for a lead with %s', (_, overrides) => {
    const policy = policyOf(term({ term: 'first-touch' }), term({ term: 'accept-or-reject' }));

    expect(slaTimersOf(anAssignedMql('rep-ana', ASSIGNED, overrides), policy)).toEqual([]);
  });

  it('stops the first-touch deadline once the rep touched the lead', () => {
    const lead = anAssignedMql('rep-ana', ASSIGNED, { firstTouchAt: '2026-11-20T09:05:00.000Z' });

    expect(slaTimersOf(lead, policyOf(term({ term: 'first-touch' })))).toEqual([]);
  });

  it.each([
    [6, 0, true],
    [6, 5, true],
    [6, 6, false],
    [6, 7, false],
    [undefined, 0, true],
    [undefined, 1, false],
  ])(
    'with %s attempts required (one when unset) and %s made, the follow-up deadline runs: %s',
    (minAttempts, attempts, runs) => {
      const policy = policyOf(term({ term: 'follow-up-attempts', withinMinutes: 120, minAttempts }));

      const timers = slaTimersOf(anAcceptedLead({ attempts }), policy);

      expect(timers).toEqual(
        runs
          ? [
              expect.objectContaining({
                term: 'follow-up-attempts',
                repId: 'rep-ana',
                startedAt: ACCEPTED,
                dueAt: '2026-11-20T13:00:00.000Z',
              }),
            ]
          : [],
      );
    },
  );

  it('runs the follow-up deadline from the latest acceptance, and only for an accepted lead', () => {
    const policy = policyOf(term({ term: 'follow-up-attempts' }));
    const reaccepted = anAcceptedLead({
      history: [
        move('mql', 'sal', ACCEPTED),
        move('sal', 'mql', '2026-11-21T09:00:00.000Z'),
        move('mql', 'sal', '2026-11-22T09:00:00.000Z'),
      ],
    });

    expect(slaTimersOf(reaccepted, policy).map((timer) => timer.startedAt)).toEqual(['2026-11-22T09:00:00.000Z']);
    expect(slaTimersOf(anAcceptedLead({ stage: 'sql' }), policy)).toEqual([]);
    expect(slaTimersOf(anAcceptedLead({ history: [move('lead', 'mql', ASSIGNED)] }), policy)).toEqual([]);
    expect(slaTimersOf(anAcceptedLead({ ownerRepId: null }), policy).map((timer) => timer.repId)).toEqual([null]);
  });
});

describe('judging an SLA timer', () => {
  const due = minutesAfter(ASSIGNED, 60);
  const justBefore = msBefore(due, 1);

  describe('in the CRM in time', () => {
    const timer = aTimer({ term: 'in-crm', repId: null, startedAt: ASSIGNED, dueAt: due });
    const policy = policyOf(term({ term: 'in-crm' }));
    const lead = aLead({ mqlAt: ASSIGNED });

    it.each([
      [justBefore, false, 'pending'],
      [due, false, 'breached'],
      [justBefore, true, 'met'],
      [due, true, 'met'],
    ] as const)('at %s, synced %s: %s', (now, synced, verdict) => {
      expect(judgeSla(lead, timer, now, policy, synced)).toBe(verdict);
    });

    it('has moved on once the lead reached MQL again at another time', () => {
      expect(judgeSla(aLead({ mqlAt: ACCEPTED }), timer, due, policy, true)).toBe('moved-on');
      expect(judgeSla(aLead({ mqlAt: null }), timer, due, policy, false)).toBe('moved-on');
    });
  });

  describe('first touch', () => {
    const timer = aTimer({ term: 'first-touch', dueAt: due });
    const policy = policyOf(term({ term: 'first-touch' }));
    const mql = (overrides: Partial<Lead> = {}) => anAssignedMql('rep-ana', ASSIGNED, overrides);

    it.each([
      [justBefore, 'pending'],
      [due, 'breached'],
    ] as const)('untouched at %s: %s', (now, verdict) => {
      expect(judgeSla(mql(), timer, now, policy, false)).toBe(verdict);
    });

    it.each([
      [justBefore, 'met'],
      [due, 'met'],
      [minutesAfter(due, 1), 'breached'],
    ] as const)('touched at %s: %s, whenever it is judged', (touchedAt, verdict) => {
      expect(judgeSla(mql({ firstTouchAt: touchedAt }), timer, minutesAfter(due, 600), policy, false)).toBe(verdict);
    });

    it.each([
      ['given to another rep', { ownerRepId: 'rep-bo' }],
      ['assigned again later', { assignedAt: ACCEPTED }],
      ['handed back to marketing', { stage: 'lead' as const, firstTouchAt: null }],
      ['lost', { stage: 'lost' as const }],
    ])('has moved on when the lead was %s', (_, overrides) => {
      expect(judgeSla(mql(overrides), timer, due, policy, false)).toBe('moved-on');
    });

    it('judges a touch even after the lead moved past the worked stages', () => {
      expect(judgeSla(mql({ stage: 'won', firstTouchAt: justBefore }), timer, due, policy, false)).toBe('met');
    });
  });

  describe('accept or reject', () => {
    const timer = aTimer({ term: 'accept-or-reject', dueAt: due });
    const policy = policyOf(term({ term: 'accept-or-reject' }));
    const decidedAt = (at: string, to: LeadStage = 'sal') =>
      anAssignedMql('rep-ana', ASSIGNED, { stage: to, history: [move('lead', 'mql', ASSIGNED), move('mql', to, at)] });

    it.each([
      [ASSIGNED, 'met'],
      [justBefore, 'met'],
      [due, 'met'],
      [minutesAfter(due, 1), 'breached'],
    ] as const)('decided at %s: %s', (at, verdict) => {
      expect(judgeSla(decidedAt(at), timer, minutesAfter(due, 600), policy, false)).toBe(verdict);
      expect(judgeSla(decidedAt(at, 'recycled'), timer, minutesAfter(due, 600), policy, false)).toBe(verdict);
    });

    it('does not count a decision made before this assignment', () => {
      const lead = anAssignedMql('rep-ana', ASSIGNED, { history: [move('mql', 'sal', msBefore(ASSIGNED, 1))] });

      expect(judgeSla(lead, timer, justBefore, policy, false)).toBe('pending');
      expect(judgeSla(lead, timer, due, policy, false)).toBe('breached');
    });

    it('counts only moves out of MQL as a decision', () => {
      const lead = anAssignedMql('rep-ana', ASSIGNED, { history: [move('lead', 'mql', justBefore)] });

      expect(judgeSla(lead, timer, due, policy, false)).toBe('breached');
    });

    it.each([
      ['given to another rep', { ownerRepId: 'rep-bo' }],
      ['assigned again later', { assignedAt: ACCEPTED }],
    ])('undecided, has moved on when the lead was %s', (_, overrides) => {
      expect(judgeSla(anAssignedMql('rep-ana', ASSIGNED, overrides), timer, due, policy, false)).toBe('moved-on');
    });
  });

  describe('follow-up attempts', () => {
    const timer = aTimer({ term: 'follow-up-attempts', startedAt: ACCEPTED, dueAt: minutesAfter(ACCEPTED, 60) });
    const followUpDue = timer.dueAt;
    const policy = policyOf(term({ term: 'in-crm' }), term({ term: 'follow-up-attempts', minAttempts: 3 }));

    it.each([
      [2, msBefore(followUpDue, 1), 'pending'],
      [2, followUpDue, 'breached'],
      [3, followUpDue, 'met'],
      [4, followUpDue, 'met'],
    ] as const)('with %s of 3 attempts at %s: %s', (attempts, now, verdict) => {
      expect(judgeSla(anAcceptedLead({ attempts }), timer, now, policy, false)).toBe(verdict);
    });

    it('needs one attempt when the policy sets no number', () => {
      const oneAttempt = policyOf(term({ term: 'follow-up-attempts' }));

      expect(judgeSla(anAcceptedLead({ attempts: 1 }), timer, followUpDue, oneAttempt, false)).toBe('met');
      expect(judgeSla(anAcceptedLead({ attempts: 0 }), timer, followUpDue, oneAttempt, false)).toBe('breached');
      expect(judgeSla(anAcceptedLead({ attempts: 1 }), timer, followUpDue, policyOf(), false)).toBe('met');
    });

    it.each(['sql', 'opportunity', 'won'] as const)(
      'is met when the lead was qualified (%s) before the attempts',
      (stage) => {
        expect(judgeSla(anAcceptedLead({ stage, attempts: 0 }), timer, msBefore(followUpDue, 1), policy, false)).toBe(
          'met',
        );
      },
    );

    it.each(['recycled', 'lost', 'disqualified', 'lead'] as const)(
      'is breached when the lead was given up (%s) before the attempts, even before the deadline',
      (stage) => {
        expect(judgeSla(anAcceptedLead({ stage, attempts: 1 }), timer, msBefore(followUpDue, 1), policy, false)).toBe(
          'breached',
        );
      },
    );

    it('judges an earlier acceptance’s follow-ups by the lead once it left SAL, whenever it was accepted since', () => {
      const qualifiedAfterReacceptance = anAcceptedLead({
        stage: 'sql',
        history: [move('mql', 'sal', '2026-11-21T09:00:00.000Z'), move('sal', 'sql', '2026-11-21T10:00:00.000Z')],
        attempts: 0,
      });

      expect(judgeSla(qualifiedAfterReacceptance, timer, followUpDue, policy, false)).toBe('met');
    });

    it('has moved on when the lead was accepted again', () => {
      const reaccepted = anAcceptedLead({ history: [move('mql', 'sal', '2026-11-21T09:00:00.000Z')], attempts: 5 });

      expect(judgeSla(reaccepted, timer, followUpDue, policy, false)).toBe('moved-on');
    });
  });
});

describe('what a change of a lead does to its SLA clocks', () => {
  const policy = policyOf(
    term({ term: 'first-touch', withinMinutes: 60 }),
    term({ term: 'accept-or-reject', withinMinutes: 120 }),
    term({ term: 'follow-up-attempts', withinMinutes: 600, minAttempts: 2 }),
  );

  it('starts every deadline of a new lead', () => {
    const lead = anAssignedMql('rep-ana', ASSIGNED);

    const changes = slaChanges(null, lead, ASSIGNED, policy);

    expect(changes.start.map((timer) => timer.term)).toEqual(['first-touch', 'accept-or-reject']);
    expect(changes.stop).toEqual([]);
  });

  it('neither starts nor stops a deadline that still runs', () => {
    const before = anAssignedMql('rep-ana', ASSIGNED);
    const after = { ...before, activities: [], version: before.version + 1 };

    expect(slaChanges(before, after, ACCEPTED, policy)).toEqual({ start: [], stop: [] });
  });

  it('stops the accept-or-reject deadline met on acceptance and starts the follow-ups', () => {
    const before = anAssignedMql('rep-ana', ASSIGNED, { firstTouchAt: ASSIGNED });
    const after = anAcceptedLead({ firstTouchAt: ASSIGNED });

    const changes = slaChanges(before, after, ACCEPTED, policy);

    expect(changes.start.map((timer) => [timer.term, timer.startedAt])).toEqual([['follow-up-attempts', ACCEPTED]]);
    expect(changes.stop.map(({ timer, verdict }) => [timer.term, verdict])).toEqual([['accept-or-reject', 'met']]);
  });

  it('turns a running deadline that stops unjudged into moved on, and keeps a breach a breach', () => {
    const before = anAssignedMql('rep-ana', ASSIGNED);
    const reassigned = anAssignedMql('rep-bo', ACCEPTED);
    const recycledEarly = anAcceptedLead({ stage: 'recycled', attempts: 1 });

    const onReassign = slaChanges(before, reassigned, ACCEPTED, policy);
    const onGivingUp = slaChanges(anAcceptedLead({ attempts: 1 }), recycledEarly, ACCEPTED, policy);

    expect(onReassign.stop.map(({ timer, verdict }) => [timer.repId, timer.term, verdict])).toEqual([
      ['rep-ana', 'first-touch', 'moved-on'],
      ['rep-ana', 'accept-or-reject', 'moved-on'],
    ]);
    expect(onReassign.start.map((timer) => [timer.repId, timer.term])).toEqual([
      ['rep-bo', 'first-touch'],
      ['rep-bo', 'accept-or-reject'],
    ]);
    expect(onGivingUp.stop.map(({ timer, verdict }) => [timer.term, verdict])).toEqual([
      ['first-touch', 'moved-on'],
      ['follow-up-attempts', 'breached'],
    ]);
  });
});
