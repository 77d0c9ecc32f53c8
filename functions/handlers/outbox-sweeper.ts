import { sweepOutbox } from '../app/events/sweep-outbox.js';
import { composeOutboxSweeper } from '../composition/compose-outbox.js';

const { deps, graceMinutes } = composeOutboxSweeper(process.env);

/** Scheduled: events the stream forwarder left pending go to the bus again. */
export const handler = async () => sweepOutbox(deps, { graceMinutes });
