import type { CounterTake } from '../core/limits/abuse-limits.js';

/** Atomic counters shared by every function instance, one per subject and window. */
export interface LimitCounters {
  /** Counts one use on every counter at once; answers those already at their limit (left unchanged). */
  take(counters: readonly CounterTake[]): Promise<CounterTake[]>;
  /** Gives back one use of each counter (a request refused by another counter did not happen). */
  giveBack(counters: readonly CounterTake[]): Promise<void>;
}
