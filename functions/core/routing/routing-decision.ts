import type { RouteTarget } from '../rulebook/rulebook.js';
import type { RuleEvaluation } from './plan-route.js';
import type { Skip } from './order-pool-candidates.js';

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

/** "Why was this routed": stored with the conversation, readable afterwards. */
export interface RoutingDecision {
  conversationId: string;
  visitorId: string;
  siteKey: string;
  rulebookVersion: number;
  decidedAt: string;
  /** The facts the rules saw that matter most when reading the decision later. */
  facts: {
    score: number;
    stage: string;
    qualifies: boolean;
    accountOwner: string | null;
    employees: number | null;
    country: string | null;
  };
  rules: RuleEvaluation[];
  matchedRuleId: string | null;
  steps: RouteStep[];
  outcome: RouteOutcome;
}
