import type { EventBridgeEvent } from 'aws-lambda';
import { syncEvent } from '../app/crm/sync-event.js';
import { composeCrmSync } from '../composition/compose-crm-sync.js';
import { DomainEvent } from '../core/events/domain-event.js';

const { deps, logger } = composeCrmSync(process.env);

/** EventBridge → the CRM sync; a throw makes Lambda retry and, in the end, lands the event in the DLQ. */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const parsed = DomainEvent.safeParse(event.detail);
  if (!parsed.success) {
    logger.error('not a Baton domain event; dropped', { id: event.id, issues: parsed.error.issues.slice(0, 3) });
    return;
  }
  await syncEvent(deps, parsed.data);
};
