import type { Logger } from '@aws-lambda-powertools/logger';
import { relayOutbox } from '../app/events/relay-outbox.js';
import type { EventPublisher, Outbox } from '../ports/outbox.js';

/**
 * What DynamoDB Streams do in AWS: a loop that relays pending events, starting with what a crash left
 * behind. `wake()` (called after each committed write) relays at once; the interval is the sweep that
 * retries batches which failed and catches anything a wake missed.
 */
export function startOutboxRelay(
  deps: { outbox: Outbox; publisher: EventPublisher; logger: Pick<Logger, 'warn'> },
  intervalMs = 200,
) {
  let running: Promise<void> | null = null;
  let stopped = false;
  // A write committed while a round runs may land after that round's last read: one more round follows.
  let again = false;
  const tick = () => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while (!stopped && (await relayOutbox(deps)).delivered > 0);
        } while (again && !stopped);
      } catch (error) {
        deps.logger.warn('outbox relay failed; retrying', { error: (error as Error).message });
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  void tick();
  return {
    /** Relays now (a write just committed events), without waiting for the sweep. */
    wake: () => void tick(),
    /** Relays now and resolves when the outbox is empty or holds only batches that failed this round. */
    flush: async () => {
      await running;
      await tick();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
