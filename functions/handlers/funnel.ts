import { handleFunnelEvent } from '../app/funnel/handle-funnel-event.js';
import { composeWorker } from '../composition/compose-worker.js';
import { countBusinessEvent } from './business-metrics.js';
import { domainEventHandler } from './domain-event-handler.js';
import { instrumentsOf } from './observed.js';

const { deps, logger } = composeWorker(process.env, 'baton-funnel');
const instruments = instrumentsOf(logger);

/**
 * EventBridge → the funnel's consumers (leads, SLA timers, notifications, reports). It receives every event,
 * so it is the one that counts the business metrics, once the event is handled.
 */
export const handler = domainEventHandler(
  logger,
  async (event) => {
    await handleFunnelEvent(deps, event);
    countBusinessEvent(instruments.metrics, event);
  },
  instruments,
);
