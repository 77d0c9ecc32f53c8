import type { RouteTarget, RulebookContent } from '../rulebook/rulebook.js';
import type { RoutingFacts, RoutingField } from './condition.js';
import { compileRules } from './compile-rulebook.js';
import type { Skip } from './order-pool-candidates.js';
import { explainRules, type RuleEvaluation } from './plan-route.js';

export interface RouteStep {
  target: RouteTarget;
  fallback: boolean;
  /** The round-robin turn taken from the pool's counter, for pools that rotate. */
  ticket: number | null;
  skipped: Skip[];
  result: 'chosen' | 'nobody-available' | 'nurture';
}

export type RouteOutcome =
  | {
      type: 'rep';
      repId: string;
      repName: string;
      viaFallback: boolean;
      accountOwner: boolean;
      poolId: string | null;
      choices: Array<{ repId: string; repName: string }>;
    }
  | { type: 'nurture'; nurtureId: string; viaFallback: boolean };

/**
 * What reproduces a routing decision, stored with the conversation: the rulebook version, the facts
 * the rules up to the match read, the matched rule, and the walk through its targets. It stays a few
 * KB whatever the rulebook; the "why" of each rule is computed when someone reads it.
 */
export interface RoutingDecision {
  conversationId: string;
  visitorId: string;
  siteKey: string;
  rulebookVersion: number;
  decidedAt: string;
  facts: RoutingFacts;
  matchedRuleId: string | null;
  steps: RouteStep[];
  outcome: RouteOutcome;
  /** Sales excluded this contact from routing (a competitor's employee): no rule was walked. */
  excluded?: { reason: string; at: string };
  /**
   * Records written before decisions kept a facts snapshot stored each rule's "why" instead: their six
   * facts cannot re-explain the rules, so a reader gets the words the record stored.
   */
  storedRules?: RuleEvaluation[];
}

/** A decision as a person reads it: the stored record with each rule's "why", checked against the stored match. */
export interface ExplainedDecision extends Omit<RoutingDecision, 'facts'> {
  /** The facts that matter most when reading the decision. */
  facts: {
    score: number;
    stage: string;
    qualifies: boolean;
    accountOwner: string | null;
    employees: number | null;
    country: string | null;
  };
  /** Every fact the rules up to the match read, as they were at the decision. */
  snapshot: RoutingFacts;
  rules: RuleEvaluation[];
  /** Whether the pinned rulebook version, re-run on the snapshot, matches the stored rule. */
  reproduced: boolean;
}

/** Always kept, for the summary a reader sees first. */
const SUMMARY_FIELDS: readonly RoutingField[] = [
  'score',
  'stage',
  'qualifies',
  'account.owner',
  'company.employees',
  'geo.country',
];

/** A field the snapshot keeps, with its answer key when it is one of the visitor's answers. */
interface KeptField {
  field: RoutingField;
  answer: string | null;
}

// The fields a snapshot keeps depend only on the rulebook version and the matched rule: worked out once each.
const keptFields = new WeakMap<readonly string[], readonly KeptField[]>();

function keptFieldsOf(read: readonly string[]): readonly KeptField[] {
  let kept = keptFields.get(read);
  if (!kept) {
    const fields = new Set<string>([...SUMMARY_FIELDS, ...read]);
    kept = [...fields].map((field) => ({
      field: field as RoutingField,
      answer: field.startsWith('answers.') ? field.slice('answers.'.length) : null,
    }));
    keptFields.set(read, kept);
  }
  return kept;
}

/** The facts that reproduce the decision: what the rules up to the matched one read, and the summary. */
export function snapshotFacts(
  rulebook: Pick<RulebookContent, 'rules'>,
  matchedIndex: number,
  facts: RoutingFacts,
): RoutingFacts {
  const snapshot: RoutingFacts = { answers: {} };
  for (const { field, answer } of keptFieldsOf(compileRules(rulebook.rules).fieldsReadUpTo(matchedIndex))) {
    if (answer !== null) {
      const value = facts.answers[answer];
      if (value !== undefined) snapshot.answers[answer] = value;
      continue;
    }
    const value = facts[field];
    if (value !== undefined && value !== null) snapshot[field] = value;
  }
  return snapshot;
}

const numberOr = (value: unknown) => (typeof value === 'number' ? value : null);
const textOr = (value: unknown) => (typeof value === 'string' ? value : null);

/** Pure: the same record and rulebook version always explain the same way. */
export function explainDecision(
  rulebook: Pick<RulebookContent, 'rules'>,
  decision: RoutingDecision,
): ExplainedDecision {
  const { storedRules, ...stored } = decision;
  const snapshot = stored.facts;
  const rules = storedRules ?? explainRules(rulebook, snapshot);
  const matched = rules.at(-1)?.matched ? rules.at(-1)!.ruleId : null;
  return {
    ...stored,
    facts: {
      score: numberOr(snapshot.score) ?? 0,
      stage: textOr(snapshot.stage) ?? 'visitor',
      qualifies: snapshot.qualifies === true,
      accountOwner: textOr(snapshot['account.owner']),
      employees: numberOr(snapshot['company.employees']),
      country: textOr(snapshot['geo.country']),
    },
    snapshot,
    rules,
    reproduced: matched === decision.matchedRuleId,
  };
}
