import type { EventPublisher, Outbox } from '../../ports/outbox.js';

/**
 * Hands pending events to the bus and then clears them, oldest first. A crash between the two only
 * means the batch goes out again: consumers apply each event id once.
 */
export async function relayOutbox(deps: { outbox: Outbox; publisher: EventPublisher }, limit = 25): Promise<number> {
  const pending = await deps.outbox.pending(limit);
  for (const batch of pending) {
    await deps.publisher.publish(batch.events);
    await deps.outbox.markDelivered(batch);
  }
  return pending.length;
}
