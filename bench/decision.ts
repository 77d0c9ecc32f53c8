import { Engine } from 'json-rules-engine';
import type { RepAvailabilityState } from '../functions/core/routing/order-pool-candidates.js';
import { planRoute } from '../functions/core/routing/plan-route.js';
import { type RoutingDecision, snapshotFacts } from '../functions/core/routing/routing-decision.js';
import { routingFactsOf } from '../functions/core/routing/routing-facts.js';
import { inMemoryCounters, walkRoute } from '../functions/core/routing/walk-route.js';
import { defaultRulebookContent, RulebookContent, type Rulebook } from '../functions/core/rulebook/rulebook.js';
import { newVisitorProfile } from '../functions/core/visitors/apply-signal.js';
import { rescoreVisitor } from '../functions/core/visitors/rescore-visitor.js';
import { isoInstant } from '../functions/core/iso-instant.js';
import { median, percentile } from './stats.js';

const RULES = 500;
const REPS = 200;
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'PT', 'BR', 'MX', 'AU'];

/** 500 four-condition rules; the visitor matches the 480th, so both engines walk most of the list. */
export function largeRulebookForBench(): Rulebook {
  const reps = Array.from({ length: REPS }, (_, i) => `rep-${i}`);
  const pools = Array.from({ length: 20 }, (_, p) => ({
    id: `pool-${p}`,
    name: `Pool ${p}`,
    strategy: 'weighted-round-robin' as const,
    members: reps.slice(p * 10, p * 10 + 10).map((repId, i) => ({ repId, weight: 1 + (i % 3), dailyCap: 50 })),
    visitorPicks: false,
  }));
  const rules = Array.from({ length: RULES }, (_, i) => ({
    id: `rule-${i}`,
    name: `Rule ${i}`,
    when: {
      all: [
        { field: 'geo.country', op: 'equals' as const, value: COUNTRIES[i % COUNTRIES.length]! },
        { field: 'company.employees', op: 'between' as const, min: 10 * (i % 50), max: 10 * (i % 50) + 5000 },
        { field: 'company.industryTier', op: 'in' as const, values: i === 480 ? ['core'] : ['related', 'other'] },
        { field: 'score', op: 'between' as const, min: 0, max: 200 },
      ],
    },
    route: { type: 'pool' as const, poolId: `pool-${i % 20}` },
  }));
  return {
    version: 1,
    ...RulebookContent.parse({
      ...defaultRulebookContent,
      pools,
      rules,
      fallbacks: [{ type: 'nurture', nurtureId: 'follow-up' }],
    }),
  };
}

export function visitorForBench(now: Date) {
  return {
    ...newVisitorProfile('01JD3Q8Y8M4S0W6Q9V2ZC3H7V1', 'bench', now),
    answers: { email: 'ana@globex.com', jobTitle: 'VP Sales' },
    emailKind: 'work' as const,
    geo: { country: 'US', region: 'CA', timeZone: 'America/Los_Angeles', source: 'edge' as const },
    account: {
      source: 'account-list' as const,
      domain: 'globex.com',
      name: 'Globex',
      employees: 850,
      industry: 'Software',
      country: 'US',
      region: 'CA',
      tier: '1',
      ownerRepId: null,
    },
  };
}

const RUNS = 5;
/**
 * Runs of the same size, timed and thrown away, before the ones reported. The timing loop and the engine
 * both have to reach their optimised code first: with a warm-up of 2,000 decisions outside the timing loop,
 * V8 was still compiling walkRoute and rescoreVisitor, and the timing loop itself (compiled, deoptimised on
 * its first pass and compiled again), during the first reported run.
 */
const WARM_UP_RUNS = 2;

/** Times each decision on its own into `times` (µs); answers how many reached a rep by their first target. */
async function timeDecisions(decide: () => Promise<{ record: RoutingDecision }>, times: Float64Array) {
  let toRep = 0;
  for (let i = 0; i < times.length; i++) {
    const started = process.hrtime.bigint();
    const { record } = await decide();
    times[i] = Number(process.hrtime.bigint() - started) / 1000;
    if (record.outcome.type === 'rep' && !record.outcome.viaFallback) toRep++;
  }
  return toRep;
}

export async function benchDecision(iterations = 10_000) {
  const rulebook = largeRulebookForBench();
  const now = new Date('2026-11-25T17:00:00Z');
  const profile = visitorForBench(now);
  const states = new Map<string, RepAvailabilityState>(
    Array.from({ length: REPS }, (_, i) => [
      `rep-${i}`,
      { repId: `rep-${i}`, known: true, outOfOfficeUntil: null, hasOpenSlot: true, assignedToday: 0 },
    ]),
  );

  // Each decision starts from fresh counters, as a new day would: shared ones would reach the daily caps
  // during the warm-up, and every timed decision would end in the nurture fallback.
  const decide = async () => {
    const scored = rescoreVisitor(profile, rulebook.scoring, 1, now, 'bench').profile;
    const facts = routingFactsOf(scored, rulebook, now, { language: 'en', answers: {} });
    const plan = planRoute(rulebook, facts);
    const walked = await walkRoute(rulebook, plan, null, states, (id) => id, inMemoryCounters());
    const record: RoutingDecision = {
      conversationId: '01JD3Q8Y8M4S0W6Q9V2ZC3H7KX',
      visitorId: profile.visitorId,
      siteKey: 'bench',
      rulebookVersion: rulebook.version,
      decidedAt: isoInstant(now),
      facts: snapshotFacts(rulebook, plan.matchedIndex, facts),
      matchedRuleId: plan.matchedRuleId,
      ...walked,
    };
    return { facts, plan, record };
  };
  const { facts, plan, record } = await decide();
  if (plan.matchedRuleId !== 'rule-480')
    throw new Error(`the benchmark visitor should match rule-480, matched ${plan.matchedRuleId}`);

  const times = new Float64Array(iterations);
  for (let run = 0; run < WARM_UP_RUNS; run++) await timeDecisions(decide, times);
  // Several runs, so a run that met the host's other work shows as spread instead of as the result.
  const runs: Array<{ p50: number; p99: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    const toRep = await timeDecisions(decide, times);
    if (toRep !== iterations) throw new Error(`only ${toRep} of ${iterations} timed decisions reached a rep`);
    const timed = Array.from(times);
    runs.push({ p50: percentile(timed, 50), p99: percentile(timed, 99) });
  }

  const engine = new Engine([], { allowUndefinedFacts: true });
  rulebook.rules.forEach((rule, index) => {
    const [country, employees, tier, score] = (rule.when as { all: Array<Record<string, any>> }).all;
    engine.addRule({
      name: rule.id,
      priority: RULES - index,
      // Tuned as its documentation recommends: the cheapest, most selective condition first (the tier
      // rules out 499 of the 500 rules).
      conditions: {
        all: [
          { fact: 'industryTier', operator: 'in', value: tier!.values },
          { fact: 'country', operator: 'equal', value: country!.value },
          { fact: 'employees', operator: 'greaterThanInclusive', value: employees!.min },
          { fact: 'employees', operator: 'lessThanInclusive', value: employees!.max },
          { fact: 'score', operator: 'lessThanInclusive', value: score!.max },
        ],
      },
      event: { type: 'route', params: { ruleId: rule.id } },
      // Stop at the first matching rule, the question our engine answers.
      onSuccess: (_event, _almanac) => engine.stop(),
    });
  });
  const peerFacts = {
    country: facts['geo.country'],
    employees: facts['company.employees'],
    industryTier: facts['company.industryTier'],
    score: facts.score,
  };
  const check = await engine.run(peerFacts);
  if (check.events[0]?.params?.ruleId !== 'rule-480') throw new Error('json-rules-engine did not match rule-480');
  for (let i = 0; i < 20; i++) await engine.run(peerFacts);
  const peer: number[] = [];
  const peerIterations = Math.max(50, Math.floor(iterations / 20));
  for (let i = 0; i < peerIterations; i++) {
    const started = process.hrtime.bigint();
    await engine.run(peerFacts);
    peer.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  const p50 = median(runs.map((run) => run.p50));
  const peerP50 = percentile(peer, 50);
  return {
    rules: RULES,
    reps: REPS,
    runs: RUNS,
    p50_us: round(p50),
    // The median run's p99, and every run's: the spread on this host.
    p99_us: round(median(runs.map((run) => run.p99))),
    p99_us_runs: runs.map((run) => round(run.p99)),
    peer_p50_us: round(peerP50),
    speedup_vs_peer: round(peerP50 / p50),
    record_bytes: Buffer.byteLength(JSON.stringify(record)),
    outcome: `${record.outcome.type} via ${record.matchedRuleId}`,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
