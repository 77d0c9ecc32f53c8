import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../ports/clock.js';
import type { ScheduledTimer, TimerStore } from '../ports/timers.js';

/**
 * EventBridge Scheduler's local stand-in: every `intervalMs` it fires the timers due by the injected
 * clock. Timers live in the store, so a restart picks up whatever was pending. Each due timer is
 * claimed with a conditional write before it fires (so it fires once even with two runners); a
 * firing that throws puts the timer back to be tried on the next round.
 */
export function startTimerScheduler(deps: {
  store: TimerStore;
  fire: (timer: ScheduledTimer) => Promise<unknown>;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  intervalMs?: number;
}) {
  const { store, fire, clock, logger, intervalMs = 1000 } = deps;
  let running: Promise<number> | null = null;
  let stopped = false;

  const round = async (): Promise<number> => {
    let fired = 0;
    // A timer that failed waits for the next round instead of spinning in this one.
    const failed = new Set<string>();
    for (;;) {
      const due = await store.due(clock().toISOString(), 25);
      let claimed = 0;
      for (const timer of due) {
        if (stopped || failed.has(timer.id) || !(await store.claim(timer))) continue;
        claimed++;
        try {
          await fire(timer);
          fired++;
        } catch (error) {
          logger.warn('timer failed; it will be tried again', { timerId: timer.id, error: (error as Error).message });
          failed.add(timer.id);
          await store.release(timer);
        }
      }
      if (claimed === 0 || stopped) return fired;
    }
  };
  const tick = (): Promise<number> => {
    if (running) return running.then(() => tick());
    if (stopped) return Promise.resolve(0);
    running = round().finally(() => {
      running = null;
    });
    return running;
  };
  const interval = setInterval(() => {
    tick().catch((error: unknown) => logger.warn('timer round failed', { error: (error as Error).message }));
  }, intervalMs);

  return {
    /** Fires every timer due now and resolves with how many fired. */
    runDue: tick,
    stop: async () => {
      stopped = true;
      clearInterval(interval);
      await running;
    },
  };
}
