import type { Rulebook } from '../rulebook/rulebook.js';
import { orderPoolCandidates, skipReason, type RepAvailabilityState, type Skip } from './order-pool-candidates.js';
import type { RoutePlan } from './plan-route.js';
import type { RouteOutcome, RouteStep } from './routing-decision.js';

/** Turn and load bookkeeping: atomic DynamoDB counters in production, plain counters in a simulation. */
export interface RouteCounters {
  takeTicket(poolId: string): Promise<number>;
  credits(poolId: string): Promise<Map<string, number>>;
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
  /** Fills `states` for a target's reps before the walk looks at them, for a caller that reads them lazily. */
  loadStates: (repIds: readonly string[]) => Promise<void> = async () => undefined,
): Promise<{ steps: RouteStep[]; outcome: RouteOutcome }> {
  const steps: RouteStep[] = [];
  const toRep = (
    repId: string,
    fallback: boolean,
    extra: Partial<Extract<RouteOutcome, { type: 'rep' }>> = {},
  ): RouteOutcome => ({
    type: 'rep',
    repId,
    repName: repName(repId),
    viaFallback: fallback,
    accountOwner: false,
    poolId: null,
    choices: [],
    ...extra,
  });

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
          return { steps, outcome: toRep(repId, fallback, { accountOwner: target.type === 'account-owner' }) };
        }
      }
      steps.push({ target, fallback, ticket: null, skipped, result: 'nobody-available' });
      continue;
    }

    const pool = rulebook.pools.find((candidate) => candidate.id === target.poolId);
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
    await loadStates(pool.members.map((member) => member.repId));
    const capOf = (repId: string) => pool.members.find((member) => member.repId === repId)?.dailyCap;
    let credited: string | null = null;
    for (const [repId] of await counters.credits(pool.id)) {
      if (!skipReason(states.get(repId), capOf(repId)) && (await counters.useCredit(pool.id, repId))) {
        credited = repId;
        break;
      }
    }
    const ticket = credited ? null : await counters.takeTicket(pool.id);
    const { order, skipped } = orderPoolCandidates(pool, ticket ?? 1, states, credited);
    let chosen: string | null = null;
    for (const repId of order) {
      if (await counters.claim(repId, capOf(repId))) {
        chosen = repId;
        break;
      }
      skipped.push({ repId, reason: `daily cap of ${capOf(repId)} reached` });
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
    return { steps, outcome: toRep(chosen, fallback, { poolId: pool.id, choices }) };
  }
  // A valid rulebook's chain ends in a nurture; one that runs dry still answers the visitor.
  return { steps, outcome: { type: 'nurture', nurtureId: rulebook.unrouted.nurtureId, viaFallback: true } };
}

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
    credits: async () => new Map(),
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
