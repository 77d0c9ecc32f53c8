/**
 * One-time timers (SLA deadlines, inactivity scoring, live-chat offers running out, reminders). The port is deliberately small:
 * schedule and cancel. Whoever fires a timer calls `fireTimer` (functions/app/timers/fire-timer.ts)
 * with the timer exactly as scheduled; that use case decides, from the current state, whether the
 * timer still has anything to do, so a late, duplicate or stale firing is harmless.
 *
 * - Locally: `DynamoDbTimers` keeps each timer as an item and the in-process scheduler
 *   (functions/local/timer-scheduler.ts) fires the due ones; a restart keeps pending timers.
 * - In AWS: an EventBridge Scheduler adapter creates a one-time schedule named `timer.id`
 *   (`at(dueAt)`, ActionAfterCompletion DELETE) whose target is a function that calls `fireTimer`
 *   with the timer as its input.
 */
export interface ScheduledTimer {
  /** Unique per timer: `[a-z0-9-]`, at most 64 characters (a valid EventBridge schedule name). */
  id: string;
  siteKey: string;
  /** ISO-8601 UTC. */
  dueAt: string;
  kind: 'sla' | 'inactivity' | 'live-offer' | 'reminder';
  /** What the kind's handler needs, as JSON. */
  payload: Record<string, string | null>;
}

export interface Timers {
  /** Schedules a one-time timer; scheduling an id again moves it to the new due time. */
  schedule(timer: ScheduledTimer): Promise<void>;
  /** Cancels a timer; an unknown or already fired id is not an error. */
  cancel(timerId: string): Promise<void>;
}

/** The store the local scheduler runs over. */
export interface TimerStore extends Timers {
  /** Timers due at `now` or earlier, oldest first. */
  due(now: string, limit: number): Promise<ScheduledTimer[]>;
  /** Takes a due timer for firing; false when it was canceled, moved or taken by another runner meanwhile. */
  claim(timer: ScheduledTimer): Promise<boolean>;
  /** Puts back a timer whose firing failed, to be tried again. */
  release(timer: ScheduledTimer): Promise<void>;
  /** Every pending timer (tests and the console's view of what is running). */
  pending(siteKey: string): Promise<ScheduledTimer[]>;
}
