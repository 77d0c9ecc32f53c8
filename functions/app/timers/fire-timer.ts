import type { ScheduledTimer } from '../../ports/timers.js';
import type { Dependencies } from '../dependencies.js';
import { slaTimerOf } from '../funnel/sla-timer.js';
import { expireLiveOffer } from '../live-chat/expire-live-offer.js';
import { sendMeetingReminder } from '../scheduling/send-meeting-reminder.js';
import { applyInactivity } from './apply-inactivity.js';
import { fireSlaTimer } from './fire-sla-timer.js';

/**
 * What every timer runner calls (the local scheduler, the EventBridge Scheduler target): the timer
 * as it was scheduled. Each kind decides from the current state whether anything is left to do.
 */
export async function fireTimer(deps: Dependencies, timer: ScheduledTimer): Promise<string> {
  switch (timer.kind) {
    case 'sla':
      return fireSlaTimer(deps, slaTimerOf(timer));
    case 'inactivity':
      return applyInactivity(deps, timer.siteKey, String(timer.payload.visitorId));
    case 'live-offer':
      return expireLiveOffer(deps, timer.siteKey, String(timer.payload.conversationId));
    case 'reminder':
      return sendMeetingReminder(deps, timer);
  }
}
