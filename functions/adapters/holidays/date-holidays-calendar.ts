import type Holidays from 'date-holidays';
import { createRequire } from 'node:module';
import type { HolidayCalendarRef } from '../../core/scheduling/holiday-calendar.js';
import type { HolidayCalendar } from '../../ports/holiday-calendar.js';

/**
 * Public holidays from `date-holidays` (rules for about 200 countries and their regions). The library
 * with its data is about 1.5 MB minified, so it is loaded on first use, from node_modules, and never
 * bundled into a function: only the code that computes slots for a site or rep with a holiday calendar
 * pays for it. Answers are kept per calendar and year (holiday rules do not change while running).
 */
export class DateHolidaysCalendar implements HolidayCalendar {
  private library: typeof Holidays | undefined;
  private readonly cache = new Map<string, ReadonlySet<string>>();

  async dates(calendar: HolidayCalendarRef, years: readonly number[]): Promise<ReadonlySet<string>> {
    const all = new Set<string>();
    for (const year of years) {
      const key = `${calendar.country}|${calendar.region ?? ''}|${year}`;
      let dates = this.cache.get(key);
      if (!dates) {
        dates = this.holidaysOf(calendar, year);
        this.cache.set(key, dates);
      }
      for (const date of dates) all.add(date);
    }
    return all;
  }

  private holidaysOf(calendar: HolidayCalendarRef, year: number): ReadonlySet<string> {
    // A name held in a variable keeps bundlers from inlining the library into the function bundle.
    const name = 'date-holidays';
    this.library ??= createRequire(import.meta.url)(name) as typeof Holidays;
    const holidays = calendar.region
      ? new this.library(calendar.country, calendar.region)
      : new this.library(calendar.country);
    // Only days off for everyone: not bank-only, school, optional or observance days.
    return new Set(
      (holidays.getHolidays(year) || [])
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
  }
}
