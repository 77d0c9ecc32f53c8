import { describe, expect, it } from 'vitest';
import {
  orderPoolCandidates,
  weightedSequence,
  type RepAvailabilityState,
} from '../../../../functions/core/routing/order-pool-candidates.js';
import { Pool } from '../../../../functions/core/rulebook/rulebook.js';
import { aRepState } from '../../../fixtures/builders.js';

const statesOf = (...states: RepAvailabilityState[]) => new Map(states.map((state) => [state.repId, state]));
const pool = (
  members: Array<{ repId: string; weight?: number; dailyCap?: number }>,
  strategy: 'weighted-round-robin' | 'least-loaded' = 'weighted-round-robin',
) => Pool.parse({ id: 'p', name: 'P', strategy, members });

describe('weightedSequence', () => {
  it('spreads a heavier rep through the cycle instead of bunching turns', () => {
    expect(weightedSequence(pool([{ repId: 'a', weight: 2 }, { repId: 'b' }, { repId: 'c' }]).members)).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
  });
});

describe('orderPoolCandidates', () => {
  const abc = pool([{ repId: 'a' }, { repId: 'b' }, { repId: 'c', dailyCap: 3 }]);
  const all = statesOf(aRepState('a'), aRepState('b'), aRepState('c'));

  it('starts the rotation at the turn the ticket names', () => {
    expect(orderPoolCandidates(abc, 1, all).order).toEqual(['a', 'b', 'c']);
    expect(orderPoolCandidates(abc, 2, all).order).toEqual(['b', 'c', 'a']);
    expect(orderPoolCandidates(abc, 6, all).order).toEqual(['c', 'a', 'b']);
  });

  it('skips reps out of office, without an open slot, at their cap or unknown, and says why', () => {
    const states = statesOf(
      aRepState('a', { outOfOfficeUntil: '2026-12-01T00:00:00.000Z' }),
      aRepState('b', { hasOpenSlot: false }),
      aRepState('c', { assignedToday: 3 }),
    );

    expect(orderPoolCandidates(abc, 1, states)).toEqual({
      order: [],
      skipped: [
        { repId: 'a', reason: 'out of office until 2026-12-01T00:00:00.000Z' },
        { repId: 'b', reason: 'no open slot in the booking window' },
        { repId: 'c', reason: 'daily cap of 3 reached' },
      ],
    });
    expect(orderPoolCandidates(abc, 1, statesOf(aRepState('a'))).skipped).toEqual([
      { repId: 'b', reason: 'not in the rep directory or inactive' },
      { repId: 'c', reason: 'not in the rep directory or inactive' },
    ]);
  });

  it('orders a least-loaded pool by assignments relative to weight, rotation breaking ties', () => {
    const least = pool([{ repId: 'a', weight: 2 }, { repId: 'b' }, { repId: 'c' }], 'least-loaded');
    const states = statesOf(
      aRepState('a', { assignedToday: 4 }),
      aRepState('b', { assignedToday: 3 }),
      aRepState('c', { assignedToday: 1 }),
    );

    expect(orderPoolCandidates(least, 1, states).order).toEqual(['c', 'a', 'b']);
  });

  it('keeps equally loaded reps of a least-loaded pool in their turn order, lead after lead', () => {
    const even = pool([{ repId: 'a' }, { repId: 'b' }, { repId: 'c' }, { repId: 'd' }], 'least-loaded');
    const states = statesOf(aRepState('a'), aRepState('b'), aRepState('c', { assignedToday: 1 }), aRepState('d'));

    expect(orderPoolCandidates(even, 1, states).order).toEqual(['a', 'b', 'd', 'c']);
    expect(orderPoolCandidates(even, 3, states).order).toEqual(['d', 'a', 'b', 'c']);
    expect(orderPoolCandidates(even, 2, states).order).toEqual(['b', 'd', 'a', 'c']);
  });

  it('puts a rep with a credited-back turn first', () => {
    expect(orderPoolCandidates(abc, 1, all, 'c').order).toEqual(['c', 'a', 'b']);
  });

  it('hands 10,000 turns out within 2% of the weights', () => {
    const weighted = pool([
      { repId: 'a', weight: 5 },
      { repId: 'b', weight: 3 },
      { repId: 'c', weight: 2 },
    ]);
    const states = statesOf(aRepState('a'), aRepState('b'), aRepState('c'));
    const counts = new Map<string, number>();
    for (let ticket = 1; ticket <= 10_000; ticket++) {
      const first = orderPoolCandidates(weighted, ticket, states).order[0]!;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }

    for (const [repId, share] of [
      ['a', 0.5],
      ['b', 0.3],
      ['c', 0.2],
    ] as const) {
      expect(Math.abs(counts.get(repId)! / 10_000 - share)).toBeLessThanOrEqual(0.02);
    }
  });
});
