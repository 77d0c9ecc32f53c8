import type { DomainEvent } from '../../core/events/domain-event.js';
import type { SimulationJob } from '../../ports/simulation-jobs.js';
import type { Dependencies } from '../dependencies.js';
import { DomainError } from '../errors.js';
import { SIMULATION_STALE_MS } from './get-draft-simulation.js';
import { simulateDraft } from './simulate-draft.js';

/** Often enough for a progress bar and far inside SIMULATION_STALE_MS, rarely enough to cost nothing beside the replay. */
const PROGRESS_EVERY_MS = 1000;

type RunDeps = Pick<
  Dependencies,
  'clock' | 'rulebooks' | 'visitors' | 'reps' | 'availability' | 'simulations' | 'logger'
>;

/**
 * The worker's side of a simulation job (SimulationRequested): claims the job, so a redelivered event
 * does not run it twice, replays the visitors with progress as a heartbeat, and stores the report or
 * why it failed. It does not throw: a retry would fail the same way, and the job already says why.
 */
export async function runDraftSimulation(
  deps: RunDeps,
  event: DomainEvent,
  /** Locally the relay hands the claimed replay over here and goes on delivering other events. */
  inBackground?: (replay: Promise<void>) => void,
): Promise<void> {
  if (event.detailType !== 'SimulationRequested') return;
  const { siteKey } = event;
  const { simulationId } = event.detail;
  const claimedAt = deps.clock();
  const job = await deps.simulations.claim(
    siteKey,
    simulationId,
    claimedAt.toISOString(),
    new Date(claimedAt.getTime() - SIMULATION_STALE_MS).toISOString(),
  );
  if (!job) return;
  const replay = replayClaimed(deps, job, claimedAt.getTime());
  if (inBackground) inBackground(replay);
  else await replay;
}

async function replayClaimed(deps: RunDeps, job: SimulationJob, claimedAtMs: number): Promise<void> {
  const { siteKey, simulationId } = job;
  const at = () => deps.clock().toISOString();
  let lastBeat = claimedAtMs;
  try {
    const result = await simulateDraft(deps, siteKey, job.days, async (visitors) => {
      const now = deps.clock();
      if (now.getTime() - lastBeat < PROGRESS_EVERY_MS) return;
      lastBeat = now.getTime();
      await deps.simulations.progress(siteKey, simulationId, visitors, now.toISOString());
    });
    await deps.simulations.finish(siteKey, simulationId, { result }, at());
  } catch (error) {
    const known = error instanceof DomainError;
    deps.logger.warn('simulation failed', {
      siteKey,
      simulationId,
      error: known ? error.title : `${(error as Error).name}: ${(error as Error).message}`,
    });
    await deps.simulations.finish(
      siteKey,
      simulationId,
      {
        error: known
          ? `${error.title}: ${error.message}`
          : 'The simulation failed on an internal error (the simulation worker logged it); start it again.',
      },
      at(),
    );
  }
}
