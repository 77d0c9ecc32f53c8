import { runDraftSimulation } from '../app/rulebook/run-draft-simulation.js';
import { composeWorker } from '../composition/compose-worker.js';
import { domainEventHandler } from './domain-event-handler.js';

const { deps, logger } = composeWorker(process.env, 'baton-simulation');

/** EventBridge (SimulationRequested) → a rulebook simulation job, outliving the request that asked for it. */
export const handler = domainEventHandler(logger, (event) => runDraftSimulation(deps, event));
