import { syncEvent } from '../app/crm/sync-event.js';
import { composeCrmSync } from '../composition/compose-crm-sync.js';
import { domainEventHandler } from './domain-event-handler.js';

const { deps, logger } = composeCrmSync(process.env);

/** EventBridge → the CRM sync; after the last retry an event lands in the DLQ. */
export const handler = domainEventHandler(logger, (event) => syncEvent(deps, event));
