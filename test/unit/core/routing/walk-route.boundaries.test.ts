import { describe, expect, it } from 'vitest';
import type { RepAvailabilityState } from '../../../../functions/core/routing/order-pool-candidates.js';
import { planRoute } from '../../../../functions/core/routing/plan-route.js';
import { inMemoryCounters, walkRoute, type RouteCounters } from '../../../../functions/core/routing/walk-route.js';
import type { Pool } from '../../../../functions/core/rulebook/rulebook.js';
import { aRulebook } from '../../../fixtures/rulebooks.js';
import { aRepState } from '../../../fixtures/builders.js';

const repIds = (count: number) => Array.from({ length: count }, (_, i) => `rep-${i + 1}`);
const poolOf = (ids: string[], overrides: Partial<Pool> = {}): Pool => ({
  id: 'team',
  name: 'Team',
  strategy: 'weighted-round-robin',
  members: ids.map((repId) => ({ repId, weight: 1 })),
  visitorPicks: false,
  ...overrides,
});
const rulebookFor = (pool: Pool) =>
  aRulebook({
    pools: [pool],
    rules: [{ id: 'all', name: 'All', when: { all: [] }, route: { type: 'pool', poolId: pool.id } }],
    fallbacks: [{ type: 'nurture', nurtureId: 'follow-up' }],
  });
const walk = (pool: Pool, states: Map<string, RepAvailabilityState>, counters: RouteCounters = inMemoryCounters()) => {
  const rulebook = rulebookFor(pool);
  return walkRoute(rulebook, planRoute(rulebook, { answers: {} }), null, states, (id) => `Name of ${id}`, counters);
};
const everyoneUp = (ids: string[]) => new Map(ids.map((repId) => [repId, aRepState(repId)]));

/** Counters that record what the walk gives back, holding one credited turn for `repId`. */
function creditedTo(repId: string, capped: string[] = []) {
  const base = inMemoryCounters();
  const givenBack: Array<[string, string]> = [];
  const used: Array<[string, string]> = [];
  const counters: RouteCounters = {
    ...base,
    credits: async () => new Map([[repId, 1]]),
    useCredit: async (poolId, rep) => {
      used.push([poolId, rep]);
      return true;
    },
    creditTurn: async (poolId, rep) => {
      givenBack.push([poolId, rep]);
    },
    claim: async (rep, cap) => !capped.includes(rep) && base.claim(rep, cap),
  };
  return { counters, givenBack, used };
}

describe('the choices a pool offers when the visitor picks', () => {
  it.each([
    [1, 1],
    [4, 4],
    [5, 5],
    [6, 5],
    [9, 5],
  ])('with %i reps available, offers %i choices starting with the rep whose turn it is', async (available, offered) => {
    const ids = repIds(available);
    const { outcome } = await walk(poolOf(ids, { visitorPicks: true }), everyoneUp(ids));

    expect(outcome).toMatchObject({ type: 'rep', repId: 'rep-1', poolId: 'team' });
    expect(outcome.type === 'rep' && outcome.choices).toEqual(
      ids.slice(0, offered).map((repId) => ({ repId, repName: `Name of ${repId}` })),
    );
  });

  it('offers only reps who can take the lead, from the chosen one on', async () => {
    const ids = repIds(4);
    const states = everyoneUp(ids);
    states.set('rep-2', aRepState('rep-2', { hasOpenSlot: false }));
    const counters = inMemoryCounters();
    await counters.takeTicket('team'); // the next turn is the second

    const { outcome } = await walk(poolOf(ids, { visitorPicks: true }), states, counters);

    expect(outcome).toMatchObject({ repId: 'rep-3' });
    expect(outcome.type === 'rep' && outcome.choices.map((choice) => choice.repId)).toEqual([
      'rep-3',
      'rep-4',
      'rep-1',
    ]);
  });

  it('offers no choices in a pool where the visitor does not pick', async () => {
    const ids = repIds(3);
    const { outcome } = await walk(poolOf(ids), everyoneUp(ids));
    expect(outcome).toMatchObject({ repId: 'rep-1', choices: [] });
  });
});

describe('a credited-back turn', () => {
  const ids = repIds(3);

  it('is used by its rep and not given back', async () => {
    const { counters, givenBack, used } = creditedTo('rep-3');

    const { outcome, steps } = await walk(poolOf(ids), everyoneUp(ids), counters);

    expect(outcome).toMatchObject({ repId: 'rep-3' });
    expect(steps[0]).toMatchObject({ ticket: null, result: 'chosen' });
    expect(used).toEqual([['team', 'rep-3']]);
    expect(givenBack).toEqual([]);
  });

  it('is handed back when its rep could not take the lead after all, and the rotation goes on', async () => {
    const { counters, givenBack } = creditedTo('rep-3', ['rep-3']);
    const capped = poolOf(ids, { members: ids.map((repId) => ({ repId, weight: 1, dailyCap: 2 })) });

    const { outcome, steps } = await walk(capped, everyoneUp(ids), counters);

    expect(outcome).toMatchObject({ repId: 'rep-1' });
    expect(steps[0]!.skipped).toEqual([{ repId: 'rep-3', reason: 'daily cap of 2 reached' }]);
    expect(givenBack).toEqual([['team', 'rep-3']]);
  });

  it('is handed back when nobody in the pool could take the lead', async () => {
    const { counters, givenBack } = creditedTo('rep-3', ids);

    const { outcome } = await walk(poolOf(ids), everyoneUp(ids), counters);

    expect(outcome).toEqual({ type: 'nurture', nurtureId: 'follow-up', viaFallback: true });
    expect(givenBack).toEqual([['team', 'rep-3']]);
  });

  it('is left unused while its rep cannot take leads, and the rotation takes a ticket instead', async () => {
    const { counters, used } = creditedTo('rep-3');
    const states = everyoneUp(ids);
    states.set('rep-3', aRepState('rep-3', { outOfOfficeUntil: '2026-12-01T00:00:00.000Z' }));

    const { outcome, steps } = await walk(poolOf(ids), states, counters);

    expect(outcome).toMatchObject({ repId: 'rep-1' });
    expect(steps[0]!.ticket).toBe(1);
    expect(used).toEqual([]);
  });
});

describe('walking the route chain', () => {
  it('records a pool the rulebook does not have and goes on to the fallback', async () => {
    const rulebook = aRulebook();
    const { steps, outcome } = await walkRoute(
      rulebook,
      { matchedIndex: 0, matchedRuleId: 'x', chain: [{ target: { type: 'pool', poolId: 'gone' }, fallback: false }] },
      null,
      new Map(),
      (id) => id,
      inMemoryCounters(),
    );
    expect(steps).toEqual([
      {
        target: { type: 'pool', poolId: 'gone' },
        fallback: false,
        ticket: null,
        skipped: [{ repId: '(pool)', reason: 'pool "gone" does not exist' }],
        result: 'nobody-available',
      },
    ]);
    expect(outcome).toEqual({ type: 'nurture', nurtureId: rulebook.unrouted.nurtureId, viaFallback: true });
  });

  it('says so when the account owner is wanted but the visitor matched no account', async () => {
    const { steps } = await walkRoute(
      aRulebook(),
      {
        matchedIndex: 0,
        matchedRuleId: 'x',
        chain: [
          { target: { type: 'account-owner' }, fallback: false },
          { target: { type: 'nurture', nurtureId: 'follow-up' }, fallback: true },
        ],
      },
      null,
      new Map(),
      (id) => id,
      inMemoryCounters(),
    );
    expect(steps[0]).toEqual({
      target: { type: 'account-owner' },
      fallback: false,
      ticket: null,
      skipped: [{ repId: '(account owner)', reason: 'the visitor matched no account with an owner' }],
      result: 'nobody-available',
    });
  });

  it('routes to a named rep who is available, and skips one who is not', async () => {
    const plan = {
      matchedIndex: 0,
      matchedRuleId: 'x',
      chain: [
        { target: { type: 'rep' as const, repId: 'rep-1' }, fallback: false },
        { target: { type: 'rep' as const, repId: 'rep-2' }, fallback: true },
      ],
    };
    const states = new Map([
      ['rep-1', aRepState('rep-1', { known: false })],
      ['rep-2', aRepState('rep-2')],
    ]);
    const { steps, outcome } = await walkRoute(aRulebook(), plan, null, states, (id) => id, inMemoryCounters());
    expect(steps.map((step) => [step.result, step.skipped])).toEqual([
      ['nobody-available', [{ repId: 'rep-1', reason: 'not in the rep directory or inactive' }]],
      ['chosen', []],
    ]);
    expect(outcome).toEqual({
      type: 'rep',
      repId: 'rep-2',
      repName: 'rep-2',
      viaFallback: true,
      accountOwner: false,
      poolId: null,
      choices: [],
    });
  });
});

describe('inMemoryCounters', () => {
  it('numbers tickets per pool from 1 and refuses a claim at the cap', async () => {
    const counters = inMemoryCounters();
    expect([await counters.takeTicket('a'), await counters.takeTicket('a'), await counters.takeTicket('b')]).toEqual([
      1, 2, 1,
    ]);
    expect([await counters.claim('r', 2), await counters.claim('r', 2), await counters.claim('r', 2)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(await counters.claim('s', undefined)).toBe(true);
    expect(await counters.credits('a')).toEqual(new Map());
    expect(await counters.useCredit('a', 'r')).toBe(false);
  });
});
