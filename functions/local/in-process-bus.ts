import type { DomainEvent } from '../core/events/domain-event.js';
import type { EventPublisher } from '../ports/outbox.js';

export type Consumer = (event: DomainEvent) => Promise<unknown>;

/**
 * The local stand-in for EventBridge: the same events reach the same consumers, in process. Every
 * consumer gets every event even when another fails (as separate EventBridge targets would); a
 * failure then leaves the batch pending and the relay sends it again, to consumers that drop what
 * they already applied.
 */
export class InProcessEventBus implements EventPublisher {
  private readonly consumers: Array<{ name: string; consume: Consumer }> = [];

  subscribe(name: string, consume: Consumer): void {
    this.consumers.push({ name, consume });
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    const failures: string[] = [];
    for (const event of events)
      for (const { name, consume } of this.consumers)
        await consume(event).catch((error: unknown) => failures.push(`${name}: ${(error as Error).message}`));
    if (failures.length) throw new Error(`consumers failed: ${failures.join('; ')}`);
  }
}
