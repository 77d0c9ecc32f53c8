import { composeWorker } from '../composition/compose-worker.js';
import { handleTimerEvent } from './timer-event.js';

const { deps, logger } = composeWorker(process.env, 'baton-timer');

/** EventBridge Scheduler → the timer exactly as it was scheduled. */
export const handler = (event: unknown) => handleTimerEvent(deps, logger, event);
