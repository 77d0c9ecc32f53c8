import type { SimulationJob } from '../../ports/simulation-jobs.js';
import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';

/**
 * How long a running job may stay silent (its worker writes progress every second or so) before it
 * counts as stopped, and a redelivered event may take it over.
 */
export const SIMULATION_STALE_MS = 5 * 60_000;

/** A simulation job of the site, as its worker left it; one whose worker stopped mid-run reads as failed. */
export async function getDraftSimulation(
  deps: Pick<Dependencies, 'clock' | 'simulations'>,
  siteKey: string,
  simulationId: string,
): Promise<SimulationJob> {
  const job = await deps.simulations.get(siteKey, simulationId);
  if (!job) throw notFound('No such simulation', `The site "${siteKey}" has no simulation ${simulationId}.`);
  const silentSince = Date.parse(job.heartbeatAt ?? job.requestedAt);
  if (job.status === 'running' && deps.clock().getTime() - silentSince > SIMULATION_STALE_MS)
    return {
      ...job,
      status: 'failed',
      error: 'The simulation stopped without finishing (its worker ended); start it again.',
    };
  return job;
}
