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
  return planOf(members).sequence;
}

/** What every lead routed to a pool reads of it, worked out once: a pool in a rulebook version never changes. */
interface PoolPlan {
  sequence: readonly string[];
  /** The pool's reps, each once, in the order they are listed. */
  reps: readonly string[];
  /** For each turn of the sequence, its rep's position in `reps`. */
  turns: Int32Array;
  weight: readonly number[];
  cap: ReadonlyArray<number | undefined>;
  position: ReadonlyMap<string, number>;
  /** Marks the reps already placed in the rotation being built: a rep is placed when its mark is `generation`. */
  placed: Int32Array;
  generation: number;
  /** The rotation being built, reps by position: reused, as `placed` is, so a lead allocates no list for it. */
  rotation: Int32Array;
}

const plans = new WeakMap<Pool['members'], PoolPlan>();

function planOf(members: Pool['members']): PoolPlan {
  let plan = plans.get(members);
  if (!plan) {
    // A rep listed twice (a draft that cannot go live) counts as listed first.
    const position = new Map<string, number>();
    const weight: number[] = [];
    const cap: Array<number | undefined> = [];
    for (const member of members)
      if (!position.has(member.repId)) {
        position.set(member.repId, position.size);
        weight.push(member.weight);
        cap.push(member.dailyCap);
      }
    const sequence = buildSequence(members);
    plan = {
      sequence,
      reps: [...position.keys()],
      turns: Int32Array.from(sequence, (repId) => position.get(repId)!),
      weight,
      cap,
      position,
      placed: new Int32Array(position.size),
      generation: 0,
      rotation: new Int32Array(position.size),
    };
    plans.set(members, plan);
  }
  return plan;
}

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

/** The daily cap of a rep in the pool (undefined: none, or not a member). */
export function dailyCapIn(pool: Pool, repId: string): number | undefined {
  const plan = planOf(pool.members);
  const at = plan.position.get(repId);
  return at === undefined ? undefined : plan.cap[at];
}

/** The pool's reps, each once. */
export function poolReps(pool: Pool): readonly string[] {
  return planOf(pool.members).reps;
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
  const plan = planOf(pool.members);
  const order: string[] = [];
  const skipped: Skip[] = [];
  const length = plan.turns.length;
  if (length === 0) return { order, skipped };
  const start = (((ticket - 1) % length) + length) % length;

  // Each rep at their first turn from the ticket on.
  const rotation = plan.rotation;
  let placed = 0;
  const generation = ++plan.generation;
  for (let i = 0; i < length && placed < plan.reps.length; i++) {
    const at = plan.turns[(start + i) % length]!;
    if (plan.placed[at] === generation) continue;
    plan.placed[at] = generation;
    rotation[placed++] = at;
  }
  if (pool.strategy === 'least-loaded') {
    const load = (at: number) => (states.get(plan.reps[at]!)?.assignedToday ?? 0) / plan.weight[at]!;
    // A stable sort, as the list's was: equally loaded reps keep their turn order.
    rotation.subarray(0, placed).sort((a, b) => load(a) - load(b));
  }
  const credited = creditedRepId === null ? undefined : plan.position.get(creditedRepId);
  if (credited !== undefined) offer(plan, credited, states, order, skipped);
  for (let i = 0; i < placed; i++) if (rotation[i] !== credited) offer(plan, rotation[i]!, states, order, skipped);
  return { order, skipped };
}

function offer(
  plan: PoolPlan,
  at: number,
  states: ReadonlyMap<string, RepAvailabilityState>,
  order: string[],
  skipped: Skip[],
) {
  const repId = plan.reps[at]!;
  const reason = skipReason(states.get(repId), plan.cap[at]);
  if (reason) skipped.push({ repId, reason });
  else order.push(repId);
}
