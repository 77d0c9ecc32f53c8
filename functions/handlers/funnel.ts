import type { EventBridgeEvent } from 'aws-lambda';
import { handleFunnelEvent } from '../app/funnel/handle-funnel-event.js';
import { composeWorker } from '../composition/compose-worker.js';
import { DomainEvent } from '../core/events/domain-event.js';

const { deps, logger } = composeWorker(process.env, 'baton-funnel');

/** EventBridge → the funnel's consumers; a throw makes Lambda retry, then the event waits in the on-failure queue. */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const parsed = DomainEvent.safeParse(event.detail);
  if (!parsed.success) {
    logger.error('not a Baton domain event; dropped', { id: event.id, issues: parsed.error.issues.slice(0, 3) });
    return;
  }
  await handleFunnelEvent(deps, parsed.data);
};
