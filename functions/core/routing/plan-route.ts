import type { RouteTarget, RulebookContent } from '../rulebook/rulebook.js';
import { evaluateCondition, type RoutingFacts } from './condition.js';
import { compileRules } from './compile-rulebook.js';

export interface RuleEvaluation {
  ruleId: string;
  name: string;
  matched: boolean;
  because: string;
}

export interface RoutePlan {
  matchedRuleId: string | null;
  /** Position of the matched rule, or -1: the rules up to it are the ones that decided. */
  matchedIndex: number;
  /** The matched rule's target, then the fallbacks; or the unrouted nurture when no rule matched. */
  chain: readonly ChainLink[];
}

interface ChainLink {
  readonly target: RouteTarget;
  readonly fallback: boolean;
}

// A rule's chain is the same for every visitor it matches: made once per rulebook version's fallbacks and rule.
const chains = new WeakMap<readonly RouteTarget[], WeakMap<RouteTarget, readonly ChainLink[]>>();

function chainOf(route: RouteTarget, fallbacks: readonly RouteTarget[]): readonly ChainLink[] {
  let byRoute = chains.get(fallbacks);
  if (!byRoute) {
    byRoute = new WeakMap();
    chains.set(fallbacks, byRoute);
  }
  let chain = byRoute.get(route);
  if (!chain) {
    chain = Object.freeze([
      Object.freeze({ target: route, fallback: false }),
      ...fallbacks.map((target) => Object.freeze({ target, fallback: true })),
    ]);
    byRoute.set(route, chain);
  }
  return chain;
}

/** The first matching rule decides; its target is tried first, the fallbacks after it. Pure. */
export function planRoute(
  rulebook: Pick<RulebookContent, 'rules' | 'fallbacks' | 'unrouted'>,
  facts: RoutingFacts,
): RoutePlan {
  const index = compileRules(rulebook.rules).firstMatch(facts);
  const rule = rulebook.rules[index];
  if (!rule)
    return {
      matchedRuleId: null,
      matchedIndex: -1,
      chain: [{ target: { type: 'nurture', nurtureId: rulebook.unrouted.nurtureId }, fallback: false }],
    };
  return {
    matchedRuleId: rule.id,
    matchedIndex: index,
    chain: chainOf(rule.route, rulebook.fallbacks),
  };
}

/**
 * Rules in order up to the first match, each with why it did or did not match, by the reference
 * interpreter. Only a reader of a decision needs this, so it is computed on read, never stored.
 */
export function explainRules(rulebook: Pick<RulebookContent, 'rules'>, facts: RoutingFacts): RuleEvaluation[] {
  const evaluations: RuleEvaluation[] = [];
  for (const rule of rulebook.rules) {
    const result = evaluateCondition(rule.when, facts);
    evaluations.push({ ruleId: rule.id, name: rule.name, matched: result.matched, because: result.because });
    if (result.matched) break;
  }
  return evaluations;
}
