import type { DomainEvent } from '../core/events/domain-event.js';

export interface PendingEvents {
  key: { pk: string; sk: string };
  /** Identifies this batch; a later write to the item replaces it, and the batch is then delivered again with the new events. */
  outboxSk: string;
  events: DomainEvent[];
}

/** Events written inside the items whose change they describe, not yet handed to the bus. */
export interface Outbox {
  /** The oldest pending batches; with `writtenBefore` (ISO time) only those whose first event is older. */
  pending(limit: number, writtenBefore?: string): Promise<PendingEvents[]>;
  /** Clears the item's outbox if no newer events were added meanwhile. */
  markDelivered(pending: PendingEvents): Promise<void>;
}

/** Hands events to their consumers: EventBridge in AWS, an in-process bus locally. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
