import type { DraftSimulationReport } from '../core/rulebook/simulate-rulebook.js';

export type SimulationStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A simulation of a site's draft, run outside the request that asked for it. */
export interface SimulationJob {
  siteKey: string;
  simulationId: string;
  days: number;
  requestedBy: string;
  requestedAt: string;
  status: SimulationStatus;
  startedAt: string | null;
  finishedAt: string | null;
  /** When the worker last said it was alive (claim or progress): a running job silent for long has stopped. */
  heartbeatAt: string | null;
  /** Visitors replayed so far. */
  visitors: number;
  result: DraftSimulationReport | null;
  /** Why it failed, in words for the person who asked (no personal data). */
  error: string | null;
}

export type NewSimulationJob = Pick<SimulationJob, 'siteKey' | 'simulationId' | 'days' | 'requestedBy' | 'requestedAt'>;

export interface SimulationJobs {
  /** Stores the queued job with its SimulationRequested event, which is what starts the worker. */
  create(job: NewSimulationJob): Promise<void>;
  get(siteKey: string, simulationId: string): Promise<SimulationJob | null>;
  /**
   * Marks it running for this worker if it is queued, or running with a heartbeat before `staleBefore`
   * (a worker that died); null when another worker has it or it is finished (a redelivered event).
   */
  claim(siteKey: string, simulationId: string, at: string, staleBefore: string): Promise<SimulationJob | null>;
  progress(siteKey: string, simulationId: string, visitors: number, at: string): Promise<void>;
  finish(
    siteKey: string,
    simulationId: string,
    outcome: { result: DraftSimulationReport } | { error: string },
    at: string,
  ): Promise<void>;
}
