import type { Logger } from '@aws-lambda-powertools/logger';
import { relayOutbox } from '../app/events/relay-outbox.js';
import type { EventPublisher, Outbox } from '../ports/outbox.js';

/** What DynamoDB Streams do in AWS: a loop that relays pending events, starting with what a crash left behind. */
export function startOutboxRelay(
  deps: { outbox: Outbox; publisher: EventPublisher; logger: Pick<Logger, 'warn'> },
  intervalMs = 200,
) {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return running ?? Promise.resolve();
    running = (async () => {
      try {
        while (!stopped && (await relayOutbox(deps)).delivered > 0);
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
