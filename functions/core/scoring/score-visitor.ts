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

// A model's industry lists, lower-cased once: every visitor scored or routed with the model reads them.
const industrySets = new WeakMap<ScoringModel['industry'], { core: Set<string>; related: Set<string> }>();

export function industryTier(model: ScoringModel, industry: string | null): 'core' | 'related' | 'other' | null {
  if (industry === null) return null;
  let sets = industrySets.get(model.industry);
  if (!sets) {
    sets = {
      core: new Set(model.industry.core.map((name) => name.toLowerCase())),
      related: new Set(model.industry.related.map((name) => name.toLowerCase())),
    };
    industrySets.set(model.industry, sets);
  }
  const normalized = industry.trim().toLowerCase();
  if (sets.core.has(normalized)) return 'core';
  if (sets.related.has(normalized)) return 'related';
  return 'other';
}

/** Scores a visitor with the model; every point in the total appears as one line of the breakdown with its reason. */
export function scoreVisitor(model: ScoringModel, facts: ScoringFacts, now: Date): Score {
  const breakdown: ScoreLine[] = [];
  const add = (rule: string, category: ScoreCategory, points: number, reason: string) =>
    breakdown.push({ rule, category, points, reason });

  if (facts.employees !== null) {
    const band = model.companySize.find(
      (b) => facts.employees! >= b.minEmployees && (b.maxEmployees === null || facts.employees! <= b.maxEmployees),
    );
    if (band) add('company-size', 'demographic', band.points, `${facts.employees} employees: band ${band.label}`);
  }
  if (facts.jobLevel !== null)
    add('job-level', 'demographic', model.jobLevel[facts.jobLevel] ?? 0, `job level ${facts.jobLevel}`);
  const tier = industryTier(model, facts.industry);
  if (tier !== null) {
    const points =
      tier === 'core'
        ? model.industry.corePoints
        : tier === 'related'
          ? model.industry.relatedPoints
          : model.industry.otherPoints;
    add(
      'industry',
      'demographic',
      points,
      `industry "${facts.industry}": ${tier === 'other' ? 'not a target' : `${tier} target`}`,
    );
  }

  for (const behaviour of facts.behaviours)
    add(`behaviour:${behaviour}`, 'behaviour', model.behaviour[behaviour] ?? 0, behaviourReason[behaviour]);

  if (facts.unsubscribed)
    add('unsubscribed', 'negative', model.negative.unsubscribed, 'unsubscribed from marketing mail');
  if (facts.emailKind === 'personal' || facts.emailKind === 'disposable') {
    add(
      'personal-email',
      'negative',
      model.negative.personalEmail,
      facts.emailKind === 'disposable' ? 'disposable email address' : 'personal (free-mail) email address',
    );
  }
  if (facts.lastActivityAt !== null) {
    const idleDays = Math.floor((now.getTime() - Date.parse(facts.lastActivityAt)) / DAY_MS);
    if (idleDays >= model.negative.inactive.afterDays)
      add('inactive', 'negative', model.negative.inactive.points, `no activity for ${idleDays} days`);
  }

  const gates = checkGates(model, facts, tier);
  const total = breakdown.reduce((sum, line) => sum + line.points, 0);
  return {
    total,
    breakdown,
    gates,
    qualifies: total >= model.thresholds.mql && gates.every((gate) => gate.passed),
    threshold: model.thresholds.mql,
  };
}

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
