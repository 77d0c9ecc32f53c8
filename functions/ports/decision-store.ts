import type { DomainEvent } from '../core/events/domain-event.js';
import type { RoutingDecision } from '../core/routing/routing-decision.js';

export interface DecisionStore {
  save(decision: RoutingDecision, events?: readonly DomainEvent[]): Promise<void>;
  get(conversationId: string): Promise<RoutingDecision | null>;
}
