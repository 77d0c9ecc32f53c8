/**
 * Waits `ms` milliseconds, or forever once `signal` aborts (which also releases the timer). Time
 * budgets wait through this port, so tests decide when a budget runs out instead of racing a real timer.
 */
export type Delay = (ms: number, signal: AbortSignal) => Promise<void>;
