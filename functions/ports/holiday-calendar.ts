import type { HolidayCalendarRef } from '../core/scheduling/holiday-calendar.js';

/** Public holidays of a country or region. */
export interface HolidayCalendar {
  /** The public holidays in the given years as local dates (YYYY-MM-DD); none for an unknown country. */
  dates(calendar: HolidayCalendarRef, years: readonly number[]): Promise<ReadonlySet<string>>;
}
