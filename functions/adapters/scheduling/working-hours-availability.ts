import { hasWorkingTime } from '../../core/scheduling/has-working-time.js';
import type { Rep } from '../../core/routing/rep.js';
import type { RepAvailability } from '../../ports/rep-availability.js';

/** Open time from the rep's working hours and out-of-office periods over the booking window. */
export class WorkingHoursAvailability implements RepAvailability {
  constructor(private readonly bookingWindowDays = 14) {}

  async hasOpenSlot(_siteKey: string, rep: Rep, now: Date): Promise<boolean> {
    return hasWorkingTime(rep, now, this.bookingWindowDays);
  }
}
