import type { Behaviour, JobLevel, ScoringModel } from './scoring-model.js';

/** What the scorer reads about a visitor; built from the profile by `factsOf`. */
export interface ScoringFacts {
  employees: number | null;
  industry: string | null;
  jobLevel: JobLevel | null;
  country: string | null;
  emailKind: 'work' | 'personal' | 'disposable' | null;
  behaviours: readonly Behaviour[];
  unsubscribed: boolean;
  lastActivityAt: string | null;
}

export type ScoreCategory = 'demographic' | 'behaviour' | 'negative';

export interface ScoreLine {
  rule: string;
  category: ScoreCategory;
  points: number;
  reason: string;
}

export interface GateResult {
  gate: string;
  passed: boolean;
  reason: string;
}

export interface Score {
  total: number;
  breakdown: ScoreLine[];
  gates: GateResult[];
  /** Score at or above the MQL threshold and every gate passed. */
  qualifies: boolean;
  threshold: number;
}

const DAY_MS = 86_400_000;

type IndustryTier = 'core' | 'related' | 'other';

// A model's industry lists, lower-cased once, and the tier of each industry text met: every visitor scored
// or routed with the model reads them, a routing decision twice (its score, then its facts).
const industryTiers = new WeakMap<
  ScoringModel['industry'],
  { core: Set<string>; related: Set<string>; tiers: Map<string, IndustryTier> }
>();

export function industryTier(model: ScoringModel, industry: string | null): IndustryTier | null {
  if (industry === null) return null;
  let known = industryTiers.get(model.industry);
  if (!known) {
    known = {
      core: new Set(model.industry.core.map((name) => name.toLowerCase())),
      related: new Set(model.industry.related.map((name) => name.toLowerCase())),
      tiers: new Map(),
    };
    industryTiers.set(model.industry, known);
  }
  let tier = known.tiers.get(industry);
  if (tier === undefined) {
    const normalized = industry.trim().toLowerCase();
    tier = known.core.has(normalized) ? 'core' : known.related.has(normalized) ? 'related' : 'other';
    if (known.tiers.size >= 5_000) known.tiers.clear();
    known.tiers.set(industry, tier);
  }
  return tier;
}

/** Scores a visitor with the model; every point in the total appears as one line of the breakdown with its reason. */
export function scoreVisitor(model: ScoringModel, facts: ScoringFacts, now: Date): Score {
  // Plain loops and no closures: every routing decision scores first, and a closure made per call (named
  // once more by tsx's keep-names) cost as much as the scoring.
  const breakdown: ScoreLine[] = [];
  const { employees } = facts;
  if (employees !== null) {
    const band = bandOf(model, employees);
    if (band)
      breakdown.push(line('company-size', 'demographic', band.points, `${employees} employees: band ${band.label}`));
  }
  if (facts.jobLevel !== null)
    breakdown.push(
      line('job-level', 'demographic', model.jobLevel[facts.jobLevel] ?? 0, `job level ${facts.jobLevel}`),
    );
  const tier = industryTier(model, facts.industry);
  if (tier !== null) {
    const points =
      tier === 'core'
        ? model.industry.corePoints
        : tier === 'related'
          ? model.industry.relatedPoints
          : model.industry.otherPoints;
    breakdown.push(
      line(
        'industry',
        'demographic',
        points,
        `industry "${facts.industry}": ${tier === 'other' ? 'not a target' : `${tier} target`}`,
      ),
    );
  }

  for (const behaviour of facts.behaviours)
    breakdown.push(
      line(
        behaviourRule[behaviour] ?? `behaviour:${behaviour}`,
        'behaviour',
        model.behaviour[behaviour] ?? 0,
        behaviourReason[behaviour],
      ),
    );

  if (facts.unsubscribed)
    breakdown.push(line('unsubscribed', 'negative', model.negative.unsubscribed, 'unsubscribed from marketing mail'));
  if (facts.emailKind === 'personal' || facts.emailKind === 'disposable') {
    breakdown.push(
      line(
        'personal-email',
        'negative',
        model.negative.personalEmail,
        facts.emailKind === 'disposable' ? 'disposable email address' : 'personal (free-mail) email address',
      ),
    );
  }
  if (facts.lastActivityAt !== null) {
    const idleDays = Math.floor((now.getTime() - Date.parse(facts.lastActivityAt)) / DAY_MS);
    if (idleDays >= model.negative.inactive.afterDays)
      breakdown.push(line('inactive', 'negative', model.negative.inactive.points, `no activity for ${idleDays} days`));
  }

  const gates = checkGates(model, facts, tier);
  let total = 0;
  for (const scored of breakdown) total += scored.points;
  let passed = true;
  for (const gate of gates) passed &&= gate.passed;
  return {
    total,
    breakdown,
    gates,
    qualifies: total >= model.thresholds.mql && passed,
    threshold: model.thresholds.mql,
  };
}

const line = (rule: string, category: ScoreCategory, points: number, reason: string): ScoreLine => ({
  rule,
  category,
  points,
  reason,
});

/** The first band of the model that holds the company size. */
function bandOf(model: ScoringModel, employees: number): ScoringModel['companySize'][number] | undefined {
  for (const band of model.companySize)
    if (employees >= band.minEmployees && (band.maxEmployees === null || employees <= band.maxEmployees)) return band;
  return undefined;
}

// The rule names, made once rather than per line; a behaviour outside the list is named the same way.
const behaviourRule: Partial<Record<string, string>> = {
  'demo-request': 'behaviour:demo-request',
  'pricing-page': 'behaviour:pricing-page',
  'case-study': 'behaviour:case-study',
  whitepaper: 'behaviour:whitepaper',
  webinar: 'behaviour:webinar',
  'repeat-visit': 'behaviour:repeat-visit',
};

const behaviourReason: Record<Behaviour, string> = {
  'demo-request': 'requested or booked a demo',
  'pricing-page': 'viewed the pricing page',
  'case-study': 'read a case study',
  whitepaper: 'downloaded a whitepaper',
  webinar: 'registered for a webinar',
  'repeat-visit': 'came back for another visit',
};

function checkGates(model: ScoringModel, facts: ScoringFacts, tier: ReturnType<typeof industryTier>): GateResult[] {
  const { gates } = model;
  const results: GateResult[] = [];
  if (gates.minEmployees !== undefined || gates.maxEmployees !== undefined) {
    const min = gates.minEmployees ?? 0;
    const max = gates.maxEmployees ?? Number.POSITIVE_INFINITY;
    results.push(
      facts.employees === null
        ? { gate: 'company-size', passed: false, reason: 'company size unknown' }
        : {
            gate: 'company-size',
            passed: facts.employees >= min && facts.employees <= max,
            reason: `${facts.employees} employees, required ${min}–${Number.isFinite(max) ? max : '∞'}`,
          },
    );
  }
  if (gates.industries) {
    results.push({
      gate: 'industry',
      passed: tier === 'core' || tier === 'related' ? gates.industries.includes(tier) : false,
      reason: tier === null ? 'industry unknown' : `industry tier ${tier}, required ${gates.industries.join(' or ')}`,
    });
  }
  if (gates.jobLevels) {
    results.push({
      gate: 'job-level',
      passed: facts.jobLevel !== null && gates.jobLevels.includes(facts.jobLevel),
      reason:
        facts.jobLevel === null
          ? 'job level unknown'
          : `job level ${facts.jobLevel}, required ${gates.jobLevels.join(' or ')}`,
    });
  }
  if (gates.countries) {
    results.push({
      gate: 'region',
      passed: facts.country !== null && gates.countries.includes(facts.country),
      reason:
        facts.country === null ? 'country unknown' : `country ${facts.country}, served: ${gates.countries.join(', ')}`,
    });
  }
  return results;
}

/** The lowest and highest total the model can give; every score lies within. */
export function scoreBounds(model: ScoringModel): { min: number; max: number } {
  const ranges: Array<number[]> = [
    model.companySize.map((band) => band.points),
    Object.values(model.jobLevel),
    [model.industry.corePoints, model.industry.relatedPoints, model.industry.otherPoints],
    ...Object.values(model.behaviour).map((points) => [points]),
    [model.negative.unsubscribed],
    [model.negative.personalEmail],
    [model.negative.inactive.points],
  ];
  // Every rule may also not apply at all, contributing 0.
  return ranges.reduce(
    (bounds, values) => ({ min: bounds.min + Math.min(0, ...values), max: bounds.max + Math.max(0, ...values) }),
    { min: 0, max: 0 },
  );
}
