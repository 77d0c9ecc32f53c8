import type { RepAvailabilityState } from '../routing/order-pool-candidates.js';
import { planRoute } from '../routing/plan-route.js';
import type { RouteOutcome } from '../routing/routing-decision.js';
import { routingFactsOf } from '../routing/routing-facts.js';
import { inMemoryCounters, walkRoute } from '../routing/walk-route.js';
import { rescoreVisitor } from '../visitors/rescore-visitor.js';
import type { VisitorProfile } from '../visitors/visitor-profile.js';
import type { Rulebook } from './rulebook.js';
import type { RulebookProblem } from './validate-rulebook.js';

export interface SimulatedVisitor {
  stage: string;
  qualifies: boolean;
  ruleId: string | null;
  /** Where the rules send the visitor: "pool:<id>", "owner:<rep>", "rep:<id>" or "nurture:<id>". */
  target: string;
  /** Who the walk picked, "rep:<id>" or "nurture:<id>": a pool's rep depends on the round-robin draw. */
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
  /** Visitors who qualify as MQL under each side's scoring and gates (the stored stage never moves back). */
  mql: { live: number; draft: number; change: number };
  ruleHits: Change[];
  targets: Change[];
  repLoad: Change[];
  outcomes: Change[];
  /** Visitors whose qualification, matched rule or target differs; a different round-robin draw is no change. */
  changedCount: number;
  /** The first of them, at most MAX_CHANGED_LISTED. */
  changed: Array<{ visitorId: string; live: SimulatedVisitor; draft: SimulatedVisitor }>;
}

/** The report is kept in one DynamoDB item (400 KB at most): 250 changed visitors fit beside 500 rules' tallies. */
export const MAX_CHANGED_LISTED = 250;

/** A simulation of a site's draft against the visitors of its last `days` days. */
export type DraftSimulationReport = SimulationReport & {
  days: number;
  draftRevision: number;
  /** More visitors changed than `changed` lists. */
  truncated: boolean;
  /** The draft's problems when it was replayed (the first MAX_PROBLEMS_LISTED): its numbers are those of a draft that cannot go live yet. */
  problems: RulebookProblem[];
  problemCount: number;
};

function targetOf(outcome: RouteOutcome): string {
  if (outcome.type === 'nurture') return `nurture:${outcome.nurtureId}`;
  if (outcome.poolId) return `pool:${outcome.poolId}`;
  return outcome.accountOwner ? `owner:${outcome.repId}` : `rep:${outcome.repId}`;
}

/** One side of the comparison: its own rotation and load, carried from page to page. */
function replayer(rulebook: Rulebook, states: ReadonlyMap<string, RepAvailabilityState>, now: Date) {
  const counters = inMemoryCounters();
  return async (stored: VisitorProfile): Promise<SimulatedVisitor> => {
    const profile = rescoreVisitor(stored, rulebook.scoring, rulebook.version, now, 'simulation').profile;
    const facts = routingFactsOf(profile, rulebook, now, { language: 'en', answers: {} });
    const plan = planRoute(rulebook, facts);
    const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
    const { outcome } = await walkRoute(rulebook, plan, owner, states, (repId) => repId, counters);
    return {
      stage: profile.stage,
      qualifies: profile.score?.qualifies ?? false,
      ruleId: plan.matchedRuleId,
      target: targetOf(outcome),
      route: outcome.type === 'rep' ? `rep:${outcome.repId}` : `nurture:${outcome.nurtureId}`,
    };
  };
}

const count = (counts: Map<string, number>, key: string | null) => {
  if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
};

function compare(live: Map<string, number>, draft: Map<string, number>): Change[] {
  const keys = [...new Set([...live.keys(), ...draft.keys()])].sort();
  return keys.map((key) => ({
    key,
    live: live.get(key) ?? 0,
    draft: draft.get(key) ?? 0,
    change: (draft.get(key) ?? 0) - (live.get(key) ?? 0),
  }));
}

/**
 * Replays recorded visitors, page by page, through the live rulebook and the draft with the reps as
 * they are now. Memory stays bounded whatever the number of visitors: only tallies and the first
 * changed visitors are kept. Pure: profiles and rep states are passed in.
 */
export function startSimulation(
  live: Rulebook,
  draft: Rulebook,
  states: ReadonlyMap<string, RepAvailabilityState>,
  now: Date,
) {
  const sides = [replayer(live, states, now), replayer(draft, states, now)] as const;
  const pair = (): [Map<string, number>, Map<string, number>] => [new Map(), new Map()];
  const [mql, rules, targets, reps, outcomes] = [pair(), pair(), pair(), pair(), pair()];
  const changed: SimulationReport['changed'] = [];
  let visitors = 0;
  let changedCount = 0;

  return {
    async add(page: readonly VisitorProfile[]): Promise<void> {
      for (const profile of page) {
        visitors++;
        const results = [await sides[0](profile), await sides[1](profile)] as const;
        results.forEach((result, index) => {
          const side = index as 0 | 1;
          count(mql[side], result.qualifies ? 'mql' : null);
          count(rules[side], result.ruleId ?? '(no rule)');
          count(targets[side], result.target);
          count(reps[side], result.route.startsWith('rep:') ? result.route.slice(4) : null);
          count(outcomes[side], result.route);
        });
        const [before, after] = results;
        if (before.qualifies !== after.qualifies || before.ruleId !== after.ruleId || before.target !== after.target) {
          changedCount++;
          if (changed.length < MAX_CHANGED_LISTED)
            changed.push({ visitorId: profile.visitorId, live: before, draft: after });
        }
      }
    },
    report(): SimulationReport {
      const mqlLive = mql[0].get('mql') ?? 0;
      const mqlDraft = mql[1].get('mql') ?? 0;
      return {
        visitors,
        liveVersion: live.version,
        mql: { live: mqlLive, draft: mqlDraft, change: mqlDraft - mqlLive },
        ruleHits: compare(...rules),
        targets: compare(...targets),
        repLoad: compare(...reps),
        outcomes: compare(...outcomes),
        changedCount,
        changed,
      };
    },
  };
}

/** The whole comparison over profiles already in memory. */
export async function simulateRulebook(
  live: Rulebook,
  draft: Rulebook,
  profiles: readonly VisitorProfile[],
  states: ReadonlyMap<string, RepAvailabilityState>,
  now: Date,
): Promise<SimulationReport> {
  const simulation = startSimulation(live, draft, states, now);
  await simulation.add(profiles);
  return simulation.report();
}
