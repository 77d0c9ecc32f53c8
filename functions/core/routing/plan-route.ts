import type { RouteTarget, RulebookContent } from '../rulebook/rulebook.js';
import { evaluateCondition, type RoutingFacts } from './condition.js';

export interface RuleEvaluation {
  ruleId: string;
  name: string;
  matched: boolean;
  because: string;
}

export interface RoutePlan {
  /** Rules in order up to the first match, each with why it did or did not match. */
  evaluations: RuleEvaluation[];
  matchedRuleId: string | null;
  /** The matched rule's target, then the fallbacks; or the unrouted nurture when no rule matched. */
  chain: Array<{ target: RouteTarget; fallback: boolean }>;
}

/** The first matching rule decides; its target is tried first, the fallbacks after it. Pure. */
export function planRoute(rulebook: RulebookContent, facts: RoutingFacts): RoutePlan {
  const evaluations: RuleEvaluation[] = [];
  for (const rule of rulebook.rules) {
    const result = evaluateCondition(rule.when, facts);
    evaluations.push({ ruleId: rule.id, name: rule.name, matched: result.matched, because: result.because });
    if (result.matched) {
      return {
        evaluations,
        matchedRuleId: rule.id,
        chain: [
          { target: rule.route, fallback: false },
          ...rulebook.fallbacks.map((target) => ({ target, fallback: true })),
        ],
      };
    }
  }
  return {
    evaluations,
    matchedRuleId: null,
    chain: [{ target: { type: 'nurture', nurtureId: rulebook.unrouted.nurtureId }, fallback: false }],
  };
}
