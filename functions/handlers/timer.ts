import { composeWorker } from '../composition/compose-worker.js';
import { instrumentsOf, observed } from './observed.js';
import { handleTimerEvent } from './timer-event.js';

const { deps, logger } = composeWorker(process.env, 'baton-timer');

/** EventBridge Scheduler → the timer exactly as it was scheduled. */
export const handler = observed(instrumentsOf(logger), (event: unknown) => handleTimerEvent(deps, logger, event));
