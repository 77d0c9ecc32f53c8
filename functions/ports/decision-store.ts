import type { RoutingDecision } from '../core/routing/routing-decision.js';

export interface DecisionStore {
  save(decision: RoutingDecision): Promise<void>;
  get(conversationId: string): Promise<RoutingDecision | null>;
}
