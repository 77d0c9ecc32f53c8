import type { Logger } from '@aws-lambda-powertools/logger';
import type { EventBridgeEvent } from 'aws-lambda';
import { DomainEvent } from '../core/events/domain-event.js';
import { type Instruments, instrumentsOf, observed } from './observed.js';

/**
 * EventBridge → a consumer of Baton's domain events, traced and measured (functions/handlers/observed.ts).
 * An event that is not one is logged (its id and the first issues, never its content) and dropped: retrying
 * cannot mend it. A throw of the consumer makes Lambda retry, then the event waits in the function's failure queue.
 */
export const domainEventHandler = (
  logger: Logger,
  consume: (event: DomainEvent) => Promise<unknown>,
  instruments: Instruments = instrumentsOf(logger),
) =>
  observed(instruments, async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const parsed = DomainEvent.safeParse(event.detail);
    if (!parsed.success) {
      logger.error('not a Baton domain event; dropped', { id: event.id, issues: parsed.error.issues.slice(0, 3) });
      return;
    }
    await consume(parsed.data);
  });
