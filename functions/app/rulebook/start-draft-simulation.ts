import type { Principal } from '../../ports/token-verifier.js';
import type { SimulationJob } from '../../ports/simulation-jobs.js';
import type { Dependencies } from '../dependencies.js';
import { liveOf } from './rulebook-draft-support.js';

/**
 * Queues a simulation of the site's draft and answers at once: the job item carries the
 * SimulationRequested event that starts the worker (the simulation function in AWS, the relay
 * locally), so no request waits for 100,000 visitors. A site without a rulebook is refused here, not in the job.
 * A draft with problems can be simulated: a shadowed rule is worth seeing in numbers before it is fixed, and
 * the report lists the problems beside them.
 */
export async function startDraftSimulation(
  deps: Pick<Dependencies, 'clock' | 'newId' | 'rulebooks' | 'simulations'>,
  siteKey: string,
  days: number,
  principal: Principal,
): Promise<SimulationJob> {
  await liveOf(deps, siteKey);
  const job = {
    siteKey,
    simulationId: deps.newId(),
    days,
    requestedBy: principal.userId,
    requestedAt: deps.clock().toISOString(),
  };
  await deps.simulations.create(job);
  return {
    ...job,
    status: 'queued',
    startedAt: null,
    finishedAt: null,
    heartbeatAt: null,
    visitors: 0,
    result: null,
    error: null,
  };
}
