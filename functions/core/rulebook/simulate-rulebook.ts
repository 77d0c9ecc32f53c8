import type { RepAvailabilityState } from '../routing/order-pool-candidates.js';
import { planRoute } from '../routing/plan-route.js';
import { routingFactsOf } from '../routing/routing-facts.js';
import { inMemoryCounters, walkRoute } from '../routing/walk-route.js';
import { rescoreVisitor } from '../visitors/rescore-visitor.js';
import type { VisitorProfile } from '../visitors/visitor-profile.js';
import type { Rulebook } from './rulebook.js';

export interface SimulatedVisitor {
  stage: string;
  qualifies: boolean;
  ruleId: string | null;
  /** "rep:<id>" or "nurture:<id>". */
  route: string;
}

export interface Change {
  key: string;
  live: number;
  draft: number;
  change: number;
}

export interface SimulationReport {
  visitors: number;
  liveVersion: number;
  mql: { live: number; draft: number; change: number };
  ruleHits: Change[];
  repLoad: Change[];
  outcomes: Change[];
  changed: Array<{ visitorId: string; live: SimulatedVisitor; draft: SimulatedVisitor }>;
}

async function replay(
  rulebook: Rulebook,
  profiles: readonly VisitorProfile[],
  states: ReadonlyMap<string, RepAvailabilityState>,
  now: Date,
) {
  // Each side starts from an untouched rotation and no load, so the two are compared on equal terms.
  const counters = inMemoryCounters();
  const results = new Map<string, SimulatedVisitor>();
  for (const stored of profiles) {
    const profile = rescoreVisitor(stored, rulebook.scoring, rulebook.version, now, 'simulation').profile;
    const facts = routingFactsOf(profile, rulebook, now, { language: 'en', answers: {} });
    const plan = planRoute(rulebook, facts);
    const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
    const { outcome } = await walkRoute(rulebook, plan, owner, states, (repId) => repId, counters);
    results.set(stored.visitorId, {
      stage: profile.stage,
      qualifies: profile.score?.qualifies ?? false,
      ruleId: plan.matchedRuleId,
      route: outcome.type === 'rep' ? `rep:${outcome.repId}` : `nurture:${outcome.nurtureId}`,
    });
  }
  return results;
}

function compare(live: Map<string, number>, draft: Map<string, number>): Change[] {
  const keys = [...new Set([...live.keys(), ...draft.keys()])].sort();
  return keys.map((key) => ({
    key,
    live: live.get(key) ?? 0,
    draft: draft.get(key) ?? 0,
    change: (draft.get(key) ?? 0) - (live.get(key) ?? 0),
  }));
}

const tally = (results: Map<string, SimulatedVisitor>, keyOf: (visitor: SimulatedVisitor) => string | null) => {
  const counts = new Map<string, number>();
  for (const visitor of results.values()) {
    const key = keyOf(visitor);
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

/**
 * Replays recorded visitors through the live rulebook and the draft, with the reps as they are now,
 * and reports what the draft would change: MQLs, hits per rule, load per rep, outcomes, and every
 * visitor whose stage or route differs. Pure: profiles and rep states are passed in.
 */
export async function simulateRulebook(
  live: Rulebook,
  draft: Rulebook,
  profiles: readonly VisitorProfile[],
  states: ReadonlyMap<string, RepAvailabilityState>,
  now: Date,
): Promise<SimulationReport> {
  const before = await replay(live, profiles, states, now);
  const after = await replay(draft, profiles, states, now);
  const mql = (results: Map<string, SimulatedVisitor>) =>
    [...results.values()].filter((visitor) => visitor.stage === 'mql').length;
  const changed = profiles
    .map((profile) => ({
      visitorId: profile.visitorId,
      live: before.get(profile.visitorId)!,
      draft: after.get(profile.visitorId)!,
    }))
    .filter(({ live: a, draft: b }) => a.stage !== b.stage || a.route !== b.route);
  return {
    visitors: profiles.length,
    liveVersion: live.version,
    mql: { live: mql(before), draft: mql(after), change: mql(after) - mql(before) },
    ruleHits: compare(
      tally(before, (v) => v.ruleId ?? '(no rule)'),
      tally(after, (v) => v.ruleId ?? '(no rule)'),
    ),
    repLoad: compare(
      tally(before, (v) => (v.route.startsWith('rep:') ? v.route.slice(4) : null)),
      tally(after, (v) => (v.route.startsWith('rep:') ? v.route.slice(4) : null)),
    ),
    outcomes: compare(
      tally(before, (v) => v.route),
      tally(after, (v) => v.route),
    ),
    changed,
  };
}
