import { DateTime } from 'luxon';
import type { Rep } from '../routing/rep.js';

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Whether the rep works at any moment between `from` and `from + days`, outside out-of-office
 * periods. A cheap first answer to "has an open slot"; the slot engine refines it with calendars.
 */
export function hasWorkingTime(rep: Pick<Rep, 'timeZone' | 'workingHours' | 'outOfOffice'>, from: Date, days: number): boolean {
  const start = DateTime.fromJSDate(from, { zone: rep.timeZone });
  const end = start.plus({ days });
  for (let day = start.startOf('day'); day < end; day = day.plus({ days: 1 })) {
    for (const [open, close] of rep.workingHours[DAY_KEYS[day.weekday - 1]!]) {
      const [oh, om] = open.split(':').map(Number);
      const [ch, cm] = close.split(':').map(Number);
      const windowStart = DateTime.max(day.set({ hour: oh!, minute: om! }), start);
      const windowEnd = DateTime.min(close === '24:00' ? day.plus({ days: 1 }) : day.set({ hour: ch!, minute: cm! }), end);
      if (windowStart >= windowEnd) continue;
      const covered = rep.outOfOffice.some((ooo) => Date.parse(ooo.start) <= windowStart.toMillis() && Date.parse(ooo.end) >= windowEnd.toMillis());
      if (!covered) return true;
    }
  }
  return false;
}
