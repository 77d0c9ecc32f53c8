import type { Pool } from '../rulebook/rulebook.js';

export interface RepAvailabilityState {
  repId: string;
  /** Null when the rep is not in the directory or inactive. */
  known: boolean;
  outOfOfficeUntil: string | null;
  hasOpenSlot: boolean;
  assignedToday: number;
}

export interface Skip {
  repId: string;
  reason: string;
}

/**
 * The order in which a weighted pool hands out turns: smooth weighted round robin, so a rep of
 * weight 2 gets every other turn rather than two in a row. The sequence repeats every sum-of-weights turns.
 */
export function weightedSequence(members: Pool['members']): readonly string[] {
  let sequence = sequences.get(members);
  if (!sequence) {
    sequence = buildSequence(members);
    sequences.set(members, sequence);
  }
  return sequence;
}

/** A pool in a rulebook version never changes, so its sequence is computed once. */
const sequences = new WeakMap<Pool['members'], readonly string[]>();

function buildSequence(members: Pool['members']): string[] {
  const total = members.reduce((sum, member) => sum + member.weight, 0);
  const current = members.map(() => 0);
  const sequence: string[] = [];
  for (let turn = 0; turn < total; turn++) {
    let best = 0;
    members.forEach((member, index) => {
      current[index]! += member.weight;
      if (current[index]! > current[best]!) best = index;
    });
    current[best]! -= total;
    sequence.push(members[best]!.repId);
  }
  return sequence;
}

/** Why a rep cannot take a lead now, or null when they can. */
export function skipReason(state: RepAvailabilityState | undefined, dailyCap: number | undefined): string | null {
  if (!state?.known) return 'not in the rep directory or inactive';
  if (state.outOfOfficeUntil) return `out of office until ${state.outOfOfficeUntil}`;
  if (!state.hasOpenSlot) return 'no open slot in the booking window';
  if (dailyCap !== undefined && state.assignedToday >= dailyCap) return `daily cap of ${dailyCap} reached`;
  return null;
}

/**
 * The pool's reps in the order they should be offered this lead, with the ones skipped and why.
 * Round robin starts at the turn `ticket` (1-based, from an atomic counter, so concurrent requests
 * never share a turn); least-loaded orders by today's assignments relative to weight.
 * A rep holding a credited-back turn goes first.
 */
export function orderPoolCandidates(
  pool: Pool,
  ticket: number,
  states: ReadonlyMap<string, RepAvailabilityState>,
  creditedRepId: string | null = null,
): { order: string[]; skipped: Skip[] } {
  const sequence = weightedSequence(pool.members);
  if (sequence.length === 0) return { order: [], skipped: [] };
  const start = (((ticket - 1) % sequence.length) + sequence.length) % sequence.length;
  const rotation = [...new Set([...sequence.slice(start), ...sequence.slice(0, start)])];

  let ranked = rotation;
  if (pool.strategy === 'least-loaded') {
    const weightOf = new Map(pool.members.map((member) => [member.repId, member.weight]));
    const load = (repId: string) => (states.get(repId)?.assignedToday ?? 0) / (weightOf.get(repId) ?? 1);
    ranked = [...rotation].sort((a, b) => load(a) - load(b));
  }
  if (creditedRepId && ranked.includes(creditedRepId))
    ranked = [creditedRepId, ...ranked.filter((repId) => repId !== creditedRepId)];

  const capOf = new Map(pool.members.map((member) => [member.repId, member.dailyCap]));
  const order: string[] = [];
  const skipped: Skip[] = [];
  for (const repId of ranked) {
    const reason = skipReason(states.get(repId), capOf.get(repId));
    if (reason) skipped.push({ repId, reason });
    else order.push(repId);
  }
  return { order, skipped };
}
