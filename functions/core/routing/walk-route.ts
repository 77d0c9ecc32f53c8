import type { Rulebook } from '../rulebook/rulebook.js';
import type { Pool } from '../rulebook/rulebook.js';
import {
  dailyCapIn,
  orderPoolCandidates,
  poolReps,
  skipReason,
  type RepAvailabilityState,
  type Skip,
} from './order-pool-candidates.js';
import type { RoutePlan } from './plan-route.js';
import type { RouteOutcome, RouteStep } from './routing-decision.js';

/**
 * Turn and load bookkeeping: atomic DynamoDB counters in production, plain counters in a simulation.
 * Counters that answer at once may answer with the value itself: the walk waits only for a promise.
 */
export interface RouteCounters {
  takeTicket(poolId: string): Promise<number> | number;
  credits(poolId: string): Promise<ReadonlyMap<string, number>> | ReadonlyMap<string, number>;
  useCredit(poolId: string, repId: string): Promise<boolean> | boolean;
  creditTurn(poolId: string, repId: string): Promise<void> | undefined;
  /** Counts an assignment unless the rep is at `cap`. */
  claim(repId: string, cap: number | undefined): Promise<boolean> | boolean;
}

// Each await is a trip through the microtask queue, even of a plain value: a simulation's counters and
// states answer at once, and their walk should not queue a dozen times per visitor.
const isPromise = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * Tries the plan's targets in order until one yields a rep or a nurture, recording every rep skipped
 * and why. The account owner takes no round-robin turn; a credited-back turn goes before the rotation.
 */
export async function walkRoute(
  rulebook: Pick<Rulebook, 'pools' | 'unrouted'>,
  plan: RoutePlan,
  accountOwner: string | null,
  states: ReadonlyMap<string, RepAvailabilityState>,
  repName: (repId: string) => string,
  counters: RouteCounters,
  /**
   * Fills `states` for a target's reps before the walk looks at them, for a caller that reads them lazily;
   * `pool` when they are a pool's members, whose caps and strategy may need their assignments of the day.
   */
  loadStates?: (repIds: readonly string[], pool?: Pool) => Promise<void>,
): Promise<{ steps: RouteStep[]; outcome: RouteOutcome }> {
  const steps: RouteStep[] = [];
  for (const { target, fallback } of plan.chain) {
    if (target.type === 'nurture') {
      steps.push({ target, fallback, ticket: null, skipped: [], result: 'nurture' });
      return { steps, outcome: { type: 'nurture', nurtureId: target.nurtureId, viaFallback: fallback } };
    }
    if (target.type === 'account-owner' || target.type === 'rep') {
      const repId = target.type === 'rep' ? target.repId : accountOwner;
      const skipped: Skip[] = [];
      if (repId === null)
        skipped.push({ repId: '(account owner)', reason: 'the visitor matched no account with an owner' });
      else {
        if (loadStates) await loadStates([repId]);
        const reason = skipReason(states.get(repId), undefined);
        if (reason) skipped.push({ repId, reason });
        else {
          const claimed = counters.claim(repId, undefined);
          if (isPromise(claimed) ? await claimed : claimed) {
            steps.push({ target, fallback, ticket: null, skipped, result: 'chosen' });
            return {
              steps,
              outcome: toRep(repId, repName(repId), fallback, target.type === 'account-owner', null, []),
            };
          }
        }
      }
      steps.push({ target, fallback, ticket: null, skipped, result: 'nobody-available' });
      continue;
    }

    const pool = poolsById(rulebook.pools).get(target.poolId);
    if (!pool) {
      steps.push({
        target,
        fallback,
        ticket: null,
        skipped: [{ repId: '(pool)', reason: `pool "${target.poolId}" does not exist` }],
        result: 'nobody-available',
      });
      continue;
    }
    if (loadStates) await loadStates(poolReps(pool), pool);
    let credited: string | null = null;
    const owed = counters.credits(pool.id);
    const credits = isPromise(owed) ? await owed : owed;
    // Most pools owe no turn: no iterator is made for them.
    if (credits.size > 0)
      for (const [repId] of credits) {
        if (skipReason(states.get(repId), dailyCapIn(pool, repId))) continue;
        const used = counters.useCredit(pool.id, repId);
        if (isPromise(used) ? await used : used) {
          credited = repId;
          break;
        }
      }
    const taken = credited ? null : counters.takeTicket(pool.id);
    const ticket = isPromise(taken) ? await taken : taken;
    const { order, skipped } = orderPoolCandidates(pool, ticket ?? 1, states, credited);
    let chosen: string | null = null;
    for (const repId of order) {
      const claimed = counters.claim(repId, dailyCapIn(pool, repId));
      if (isPromise(claimed) ? await claimed : claimed) {
        chosen = repId;
        break;
      }
      skipped.push({ repId, reason: `daily cap of ${dailyCapIn(pool, repId)} reached` });
    }
    // A credited turn that did not end with its rep goes back.
    if (credited && chosen !== credited) {
      const givenBack = counters.creditTurn(pool.id, credited);
      if (isPromise(givenBack)) await givenBack;
    }
    if (!chosen) {
      steps.push({ target, fallback, ticket, skipped, result: 'nobody-available' });
      continue;
    }
    steps.push({ target, fallback, ticket, skipped, result: 'chosen' });
    const choices = pool.visitorPicks
      ? order
          .slice(order.indexOf(chosen))
          .slice(0, 5)
          .map((repId) => ({ repId, repName: repName(repId) }))
      : [];
    return { steps, outcome: toRep(chosen, repName(chosen), fallback, false, pool.id, choices) };
  }
  // A valid rulebook's chain ends in a nurture; one that runs dry still answers the visitor.
  return { steps, outcome: { type: 'nurture', nurtureId: rulebook.unrouted.nurtureId, viaFallback: true } };
}

function toRep(
  repId: string,
  repName: string,
  viaFallback: boolean,
  accountOwner: boolean,
  poolId: string | null,
  choices: Array<{ repId: string; repName: string }>,
): RouteOutcome {
  return { type: 'rep', repId, repName, viaFallback, accountOwner, poolId, choices };
}

const pools = new WeakMap<readonly Pool[], ReadonlyMap<string, Pool>>();

/** A rulebook version's pools by id, worked out once: it never changes. */
function poolsById(list: readonly Pool[]): ReadonlyMap<string, Pool> {
  let byId = pools.get(list);
  if (!byId) {
    // The first pool of an id wins, as a search from the start would find it.
    byId = new Map([...list].reverse().map((pool) => [pool.id, pool]));
    pools.set(list, byId);
  }
  return byId;
}

/** No credited-back turns: a simulation hands none back. */
const NO_CREDITS: ReadonlyMap<string, number> = new Map();

interface InMemoryCounts {
  tickets: Map<string, number>;
  assigned: Map<string, number>;
}

// Shared by every set of counters, which keeps its counts in its own fields: a bench or a simulation makes
// a set per decision or per run, and closures made per set cost more than the walk that uses them.
const inMemory = {
  takeTicket(this: InMemoryCounts, poolId: string): number {
    const next = (this.tickets.get(poolId) ?? 0) + 1;
    this.tickets.set(poolId, next);
    return next;
  },
  credits: (): ReadonlyMap<string, number> => NO_CREDITS,
  useCredit: () => false,
  creditTurn: () => undefined,
  claim(this: InMemoryCounts, repId: string, cap: number | undefined): boolean {
    const count = this.assigned.get(repId) ?? 0;
    if (cap !== undefined && count >= cap) return false;
    this.assigned.set(repId, count + 1);
    return true;
  },
};

/** Counters kept in memory, for simulations: the same walk without touching the store; they answer at once. */
export function inMemoryCounters(): RouteCounters {
  const counters: RouteCounters & InMemoryCounts = {
    tickets: new Map(),
    assigned: new Map(),
    takeTicket: inMemory.takeTicket,
    credits: inMemory.credits,
    useCredit: inMemory.useCredit,
    creditTurn: inMemory.creditTurn,
    claim: inMemory.claim,
  };
  return counters;
}
