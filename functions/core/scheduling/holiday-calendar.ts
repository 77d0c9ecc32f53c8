import { z } from 'zod';

/**
 * A public-holiday calendar by country (ISO 3166-1 alpha-2) and optionally its state or region
 * (ISO 3166-2 subdivision code, as `date-holidays` names them: `MD` for Madrid, `CA` for California).
 * A rep's own calendar replaces the site's: a Madrid rep of a US company works on Thanksgiving.
 */
export const HolidayCalendarRef = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as US or ES'),
    region: z
      .string()
      .regex(/^[A-Z0-9]{1,3}$/, 'an ISO 3166-2 subdivision code such as CA or MD')
      .optional(),
  })
  .strict();
export type HolidayCalendarRef = z.infer<typeof HolidayCalendarRef>;

/**
 * Holidays as date overrides: each holiday (a local date in the rep's own zone) is a day without
 * working hours, unless the rep set hours for that very date, which win.
 */
export function withHolidays(
  dateOverrides: Record<string, Array<[string, string]>> | undefined,
  holidays: Iterable<string>,
): Record<string, Array<[string, string]>> | undefined {
  const dates = [...holidays];
  if (dates.length === 0) return dateOverrides;
  const merged: Record<string, Array<[string, string]>> = Object.fromEntries(dates.map((date) => [date, []]));
  return { ...merged, ...dateOverrides };
}
