import { sweepOutbox } from '../app/events/sweep-outbox.js';
import { composeOutboxSweeper } from '../composition/compose-outbox.js';
import { instrumentsOf, observed } from './observed.js';

const { deps, graceMinutes } = composeOutboxSweeper(process.env);

/** Scheduled: events the stream forwarder left pending go to the bus again. */
export const handler = observed(instrumentsOf(deps.logger), () => sweepOutbox(deps, { graceMinutes }));
