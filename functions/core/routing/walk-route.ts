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

/** Turn and load bookkeeping: atomic DynamoDB counters in production, plain counters in a simulation. */
export interface RouteCounters {
  takeTicket(poolId: string): Promise<number>;
  credits(poolId: string): Promise<ReadonlyMap<string, number>>;
  useCredit(poolId: string, repId: string): Promise<boolean>;
  creditTurn(poolId: string, repId: string): Promise<void>;
  /** Counts an assignment unless the rep is at `cap`. */
  claim(repId: string, cap: number | undefined): Promise<boolean>;
}

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
  loadStates: (repIds: readonly string[], pool?: Pool) => Promise<void> = async () => undefined,
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
        await loadStates([repId]);
        const reason = skipReason(states.get(repId), undefined);
        if (reason) skipped.push({ repId, reason });
        else if (await counters.claim(repId, undefined)) {
          steps.push({ target, fallback, ticket: null, skipped, result: 'chosen' });
          return {
            steps,
            outcome: toRep(repId, repName(repId), fallback, target.type === 'account-owner', null, []),
          };
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
    await loadStates(poolReps(pool), pool);
    let credited: string | null = null;
    for (const [repId] of await counters.credits(pool.id)) {
      if (!skipReason(states.get(repId), dailyCapIn(pool, repId)) && (await counters.useCredit(pool.id, repId))) {
        credited = repId;
        break;
      }
    }
    const ticket = credited ? null : await counters.takeTicket(pool.id);
    const { order, skipped } = orderPoolCandidates(pool, ticket ?? 1, states, credited);
    let chosen: string | null = null;
    for (const repId of order) {
      if (await counters.claim(repId, dailyCapIn(pool, repId))) {
        chosen = repId;
        break;
      }
      skipped.push({ repId, reason: `daily cap of ${dailyCapIn(pool, repId)} reached` });
    }
    // A credited turn that did not end with its rep goes back.
    if (credited && chosen !== credited) await counters.creditTurn(pool.id, credited);
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

/** Counters kept in memory, for simulations: the same walk without touching the store. */
export function inMemoryCounters(): RouteCounters {
  const tickets = new Map<string, number>();
  const assigned = new Map<string, number>();
  return {
    takeTicket: async (poolId) => {
      const next = (tickets.get(poolId) ?? 0) + 1;
      tickets.set(poolId, next);
      return next;
    },
    credits: async () => NO_CREDITS,
    useCredit: async () => false,
    creditTurn: async () => undefined,
    claim: async (repId, cap) => {
      const count = assigned.get(repId) ?? 0;
      if (cap !== undefined && count >= cap) return false;
      assigned.set(repId, count + 1);
      return true;
    },
  };
}
