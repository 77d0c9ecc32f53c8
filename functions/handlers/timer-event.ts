import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import type { Dependencies } from '../app/dependencies.js';
import { fireTimer } from '../app/timers/fire-timer.js';
import type { ScheduledTimer } from '../ports/timers.js';

/** A schedule's input is the timer as it was scheduled (functions/adapters/scheduler/timers.eventbridge-scheduler.ts). */
const ScheduledTimerInput: z.ZodType<ScheduledTimer> = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  siteKey: z.string().min(1),
  dueAt: z.iso.datetime({ offset: true }),
  kind: z.enum(['sla', 'inactivity', 'live-offer', 'reminder']),
  payload: z.record(z.string(), z.string().nullable()),
});

/**
 * One firing by EventBridge Scheduler: a malformed input is logged and dropped (retrying cannot mend it);
 * a throw of the use case makes Lambda retry, then the timer waits in the failure queue.
 */
export async function handleTimerEvent(deps: Dependencies, logger: Logger, event: unknown): Promise<string | null> {
  const parsed = ScheduledTimerInput.safeParse(event);
  if (!parsed.success) {
    logger.error('not a Baton timer; dropped', { issues: parsed.error.issues.slice(0, 3) });
    return null;
  }
  const outcome = await fireTimer(deps, parsed.data);
  logger.info('timer fired', { timerId: parsed.data.id, kind: parsed.data.kind, outcome });
  return outcome;
}
