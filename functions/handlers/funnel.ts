import { handleFunnelEvent } from '../app/funnel/handle-funnel-event.js';
import { composeWorker } from '../composition/compose-worker.js';
import { domainEventHandler } from './domain-event-handler.js';

const { deps, logger } = composeWorker(process.env, 'baton-funnel');

/** EventBridge → the funnel's consumers (leads, SLA timers, notifications, reports). */
export const handler = domainEventHandler(logger, (event) => handleFunnelEvent(deps, event));
