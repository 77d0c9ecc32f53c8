import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventPublisher, Outbox } from '../../ports/outbox.js';

export interface RelayResult {
  delivered: number;
  failed: number;
}

/**
 * Hands pending events to the bus and then clears them, oldest first. A crash between the two only
 * means the batch goes out again: consumers apply each event id once. A batch that fails stays
 * pending for the next round and does not hold back the others.
 */
export async function relayOutbox(
  deps: { outbox: Outbox; publisher: EventPublisher; logger: Pick<Logger, 'warn'> },
  { limit = 25, writtenBefore }: { limit?: number; writtenBefore?: string } = {},
): Promise<RelayResult> {
  const pending = await deps.outbox.pending(limit, writtenBefore);
  let delivered = 0;
  for (const batch of pending) {
    try {
      await deps.publisher.publish(batch.events);
      await deps.outbox.markDelivered(batch);
      delivered++;
    } catch (error) {
      deps.logger.warn('outbox batch not delivered; it stays pending', {
        item: batch.key.pk.split('#')[0],
        eventIds: batch.events.map((event) => event.id),
        error: (error as Error).message,
      });
    }
  }
  return { delivered, failed: pending.length - delivered };
}
