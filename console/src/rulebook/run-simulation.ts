import { api, ApiError, sitePath } from '../api.js';
import type { Simulation } from '../rulebook-types.js';
import type { SimulationJob } from '../wire.js';

/** A small site's job ends within a moment: ask again soon, then once a second. */
const pollDelays = (round: number) => (round === 0 ? 300 : 1000);

/**
 * Starts a simulation job and polls it until it ends: its report, or its reason as an error. The job
 * runs outside the request (100,000 visitors outlast an HTTP request), so the page shows its progress.
 */
export async function runSimulation(
  site: string,
  days: number,
  onProgress: (visitors: number) => void = () => {},
): Promise<Simulation> {
  let job = await api<SimulationJob>(sitePath(site, '/rulebook/draft/simulate'), { method: 'POST', body: { days } });
  for (let round = 0; job.status === 'queued' || job.status === 'running'; round++) {
    onProgress(job.visitors);
    await new Promise((resolve) => setTimeout(resolve, pollDelays(round)));
    job = await api<SimulationJob>(sitePath(site, `/rulebook/simulations/${job.simulationId}`));
  }
  if (job.status === 'failed' || !job.result)
    throw new ApiError(0, 'The simulation failed', job.error ?? 'It ended without a report; start it again.');
  return job.result;
}
