import type { DomainEvent } from '../core/events/domain-event.js';
import type { EventPublisher } from '../ports/outbox.js';

export type Consumer = (event: DomainEvent) => Promise<unknown>;

/**
 * The local stand-in for EventBridge: the same events reach the same consumers, in process. A
 * consumer that throws leaves the batch pending; the relay sends it again.
 */
export class InProcessEventBus implements EventPublisher {
  private readonly consumers: Array<{ name: string; consume: Consumer }> = [];

  subscribe(name: string, consume: Consumer): void {
    this.consumers.push({ name, consume });
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) for (const { consume } of this.consumers) await consume(event);
  }
}
