import { describe, expect, it } from 'vitest';
import type { RoutingFacts } from '../../../../functions/core/routing/condition.js';
import type { RepAvailabilityState } from '../../../../functions/core/routing/order-pool-candidates.js';
import { explainRules, planRoute } from '../../../../functions/core/routing/plan-route.js';
import { inMemoryCounters, walkRoute, type RouteCounters } from '../../../../functions/core/routing/walk-route.js';
import { aRulebook } from '../../../fixtures/rulebooks.js';
import { aRepState } from '../../../fixtures/builders.js';

const rulebook = aRulebook();
const team = (...overrides: Array<[string, Partial<RepAvailabilityState>]>) => {
  const states = new Map(['rep-ana', 'rep-ben', 'rep-carla'].map((repId) => [repId, aRepState(repId)]));
  for (const [repId, change] of overrides) states.set(repId, aRepState(repId, change));
  return states;
};
const mql = (extra: Partial<RoutingFacts> = {}): RoutingFacts => ({
  qualifies: true,
  score: 80,
  'company.employees': 300,
  'account.owner': null,
  answers: {},
  ...extra,
});
const route = async (facts: RoutingFacts, states = team(), counters: RouteCounters = inMemoryCounters()) => {
  const plan = planRoute(rulebook, facts);
  const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
  return { plan, ...(await walkRoute(rulebook, plan, owner, states, (id) => id.toUpperCase(), counters)) };
};

describe('routing a visitor', () => {
  it('sends a named account to its owner, taking no round-robin turn', async () => {
    const counters = inMemoryCounters();
    const routed = await route(mql({ 'account.owner': 'rep-carla' }), team(), counters);

    expect(routed.plan.matchedRuleId).toBe('named-accounts');
    expect(routed.outcome).toEqual({
      type: 'rep',
      repId: 'rep-carla',
      repName: 'REP-CARLA',
      viaFallback: false,
      accountOwner: true,
      poolId: null,
      choices: [],
    });
    expect(await counters.takeTicket('inbound')).toBe(1);
  });

  it('explains every rule it passed over before the match', async () => {
    const facts = mql();
    const routed = await route(facts);

    expect(routed.plan.matchedIndex).toBe(2);
    expect(explainRules(rulebook, facts)).toEqual([
      {
        ruleId: 'named-accounts',
        name: 'Named accounts go to their owner',
        matched: false,
        because: 'account.owner is unknown',
      },
      {
        ruleId: 'enterprise',
        name: 'Enterprise MQLs',
        matched: false,
        because: 'company.employees 300 is not in 1001…∞',
      },
      { ruleId: 'mql', name: 'Every other MQL', matched: true, because: 'qualifies true = true' },
    ]);
    expect(routed.outcome).toMatchObject({ type: 'rep', repId: 'rep-ana', poolId: 'inbound' });
  });

  it('skips an owner who is out of office and falls back to the inbound pool', async () => {
    const routed = await route(
      mql({ 'account.owner': 'rep-carla' }),
      team(['rep-carla', { outOfOfficeUntil: '2026-12-02T00:00:00.000Z' }]),
    );

    expect(routed.steps.map((step) => [step.target.type, step.result, step.skipped])).toEqual([
      [
        'account-owner',
        'nobody-available',
        [{ repId: 'rep-carla', reason: 'out of office until 2026-12-02T00:00:00.000Z' }],
      ],
      ['pool', 'chosen', [{ repId: 'rep-carla', reason: 'out of office until 2026-12-02T00:00:00.000Z' }]],
    ]);
    expect(routed.outcome).toMatchObject({ type: 'rep', repId: 'rep-ana', viaFallback: true });
  });

  it('skips reps with no open slot or at their daily cap, and ends in the nurture fallback when nobody is left', async () => {
    const states = team(
      ['rep-ana', { assignedToday: 12 }],
      ['rep-ben', { hasOpenSlot: false }],
      ['rep-carla', { known: false }],
    );

    const routed = await route(mql(), states);

    expect(routed.steps).toEqual([
      {
        target: { type: 'pool', poolId: 'inbound' },
        fallback: false,
        ticket: 1,
        skipped: [
          { repId: 'rep-ana', reason: 'daily cap of 12 reached' },
          { repId: 'rep-ben', reason: 'no open slot in the booking window' },
          { repId: 'rep-carla', reason: 'not in the rep directory or inactive' },
        ],
        result: 'nobody-available',
      },
      {
        target: { type: 'pool', poolId: 'inbound' },
        fallback: true,
        ticket: 2,
        skipped: expect.any(Array),
        result: 'nobody-available',
      },
      {
        target: { type: 'nurture', nurtureId: 'follow-up' },
        fallback: true,
        ticket: null,
        skipped: [],
        result: 'nurture',
      },
    ]);
    expect(routed.outcome).toEqual({ type: 'nurture', nurtureId: 'follow-up', viaFallback: true });
  });

  it('enforces a daily cap at claim time too', async () => {
    const counters = inMemoryCounters();
    for (let i = 0; i < 8; i++) await counters.claim('rep-ben', 8);

    const routed = await route(mql(), team(), counters);
    const second = await route(mql(), team(), counters);

    expect(routed.outcome).toMatchObject({ repId: 'rep-ana' });
    expect(second.outcome).toMatchObject({ repId: 'rep-carla' });
    expect(second.steps[0]!.skipped).toEqual([{ repId: 'rep-ben', reason: 'daily cap of 8 reached' }]);
  });

  it('gives a visitor who does not qualify the unrouted nurture', async () => {
    const routed = await route({ qualifies: false, score: 20, answers: {} });

    expect(routed.plan.matchedRuleId).toBeNull();
    expect(routed.outcome).toEqual({ type: 'nurture', nurtureId: 'guide', viaFallback: false });
  });

  it('routes to a named rep, and lets the visitor pick in a pool that allows it', async () => {
    const named = aRulebook({
      pools: [
        {
          id: 'pick',
          name: 'Pick',
          strategy: 'weighted-round-robin',
          members: [
            { repId: 'rep-ana', weight: 1 },
            { repId: 'rep-ben', weight: 1 },
            { repId: 'rep-carla', weight: 1 },
          ],
          visitorPicks: true,
        },
      ],
      rules: [
        {
          id: 'spain',
          name: 'Spain',
          when: { field: 'geo.country', op: 'equals', value: 'ES' },
          route: { type: 'rep', repId: 'rep-carla' },
        },
        { id: 'rest', name: 'Rest', when: { all: [] }, route: { type: 'pool', poolId: 'pick' } },
      ],
      fallbacks: [{ type: 'nurture', nurtureId: 'follow-up' }],
    });
    const walk = async (facts: RoutingFacts) =>
      walkRoute(
        named,
        planRoute(named, facts),
        null,
        team(['rep-ben', { outOfOfficeUntil: '2026-12-01T00:00:00.000Z' }]),
        (id) => id,
        inMemoryCounters(),
      );

    expect((await walk({ 'geo.country': 'ES', answers: {} })).outcome).toMatchObject({
      type: 'rep',
      repId: 'rep-carla',
    });
    expect((await walk({ 'geo.country': 'US', answers: {} })).outcome).toMatchObject({
      repId: 'rep-ana',
      choices: [
        { repId: 'rep-ana', repName: 'rep-ana' },
        { repId: 'rep-carla', repName: 'rep-carla' },
      ],
    });
  });

  it('gives a credited-back turn to its rep before the rotation, without taking a ticket', async () => {
    const counters = inMemoryCounters();
    const credited: RouteCounters = {
      ...counters,
      credits: async () => new Map([['rep-carla', 1]]),
      useCredit: async () => true,
    };

    const routed = await route(mql(), team(), credited);

    expect(routed.outcome).toMatchObject({ repId: 'rep-carla' });
    expect(routed.steps[0]!.ticket).toBeNull();
  });

  it("plans each rulebook's own fallbacks after a rule, when versions share the rule", () => {
    const nurtureOnly = { ...rulebook, fallbacks: [{ type: 'nurture' as const, nurtureId: 'follow-up' }] };

    const first = planRoute(rulebook, mql());
    const second = planRoute(nurtureOnly, mql());

    expect(planRoute(rulebook, mql()).chain).toEqual(first.chain);
    expect(first.chain.map(({ fallback }) => fallback)).toEqual([false, ...rulebook.fallbacks.map(() => true)]);
    expect(first.chain.slice(1).map(({ target }) => target)).toEqual(rulebook.fallbacks);
    expect(second.chain).toEqual([first.chain[0], { target: nurtureOnly.fallbacks[0], fallback: true }]);
  });

  it('walks the same with counters that answer later (a store) as with counters that answer at once', async () => {
    /** The same counts, each answer handed over as a promise, as DynamoDB's counters answer. */
    const later = (counters: RouteCounters): RouteCounters => ({
      takeTicket: async (poolId) => counters.takeTicket(poolId),
      credits: async (poolId) => counters.credits(poolId),
      useCredit: async (poolId, repId) => counters.useCredit(poolId, repId),
      creditTurn: async (poolId, repId) => counters.creditTurn(poolId, repId),
      claim: async (repId, cap) => counters.claim(repId, cap),
    });
    const visitors = [mql(), mql({ 'account.owner': 'rep-ben' }), mql(), mql(), mql({ qualifies: false }), mql()];
    const states = team(['rep-ben', { outOfOfficeUntil: '2026-12-01T00:00:00.000Z' }]);
    const atOnce = inMemoryCounters();
    const store = later(inMemoryCounters());
    const loaded: string[][] = [];

    for (const facts of visitors) {
      const plan = planRoute(rulebook, facts);
      const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
      const walked = await walkRoute(rulebook, plan, owner, states, (id) => id, atOnce);
      const walkedLater = await walkRoute(
        rulebook,
        plan,
        owner,
        states,
        (id) => id,
        store,
        async (repIds) => {
          loaded.push([...repIds]);
        },
      );
      expect(walkedLater).toEqual(walked);
    }
    expect(loaded.length).toBeGreaterThan(0);
  });
});
