import type { Rep } from '../core/routing/rep.js';

/** Whether a rep has any bookable time in the booking window; the scheduler answers it from the real calendars. */
export interface RepAvailability {
  hasOpenSlot(siteKey: string, rep: Rep, now: Date): Promise<boolean>;
}
