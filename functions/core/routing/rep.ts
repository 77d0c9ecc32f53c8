import { pictureUrl, webUrl } from '../validation/web-url.js';
import { z } from 'zod';
import { isTimeZone } from '../scheduling/time-zone.js';
import { HolidayCalendarRef } from '../scheduling/holiday-calendar.js';
import { MeetingLocation } from '../scheduling/meeting-location.js';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 24-hour');
const Interval = z.tuple([Time, Time]).refine(([start, end]) => start < end, 'start must be before end');
const DayHours = z.array(Interval).max(6);

export const WorkingHours = z
  .object({ mon: DayHours, tue: DayHours, wed: DayHours, thu: DayHours, fri: DayHours, sat: DayHours, sun: DayHours })
  .strict();
export type WorkingHours = z.infer<typeof WorkingHours>;

export const OutOfOffice = z
  .object({
    start: z.string().datetime({ offset: true }),
    end: z.string().datetime({ offset: true }),
    reason: z.string().max(200).optional(),
  })
  .strict()
  .refine((ooo) => Date.parse(ooo.start) < Date.parse(ooo.end), 'start must be before end');
export type OutOfOffice = z.infer<typeof OutOfOffice>;

export const CalendarSource = z.discriminatedUnion('type', [
  /** The private iCalendar address Google, Outlook and iCloud calendars offer. */
  z.object({ type: z.literal('ics'), url: webUrl(2000) }).strict(),
  z
    .object({
      type: z.literal('google'),
      calendarId: z.string().min(1).max(200),
      connectionId: z.string().min(1).max(100),
    })
    .strict(),
  z
    .object({
      type: z.literal('microsoft'),
      userPrincipalName: z.string().min(3).max(200),
      connectionId: z.string().min(1).max(100),
    })
    .strict(),
]);
export type CalendarSource = z.infer<typeof CalendarSource>;

export const Rep = z
  .object({
    repId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    name: z.string().min(1).max(120),
    email: z.string().email(),
    title: z.string().max(120).optional(),
    /** An absolute URL, or a path on the Baton host (resolved by the widget). */
    photoUrl: pictureUrl().optional(),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Lisbon'),
    workingHours: WorkingHours,
    outOfOffice: z.array(OutOfOffice).max(100).default([]),
    /** Different hours on particular dates (an empty list: not working that day). */
    dateOverrides: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'), DayHours).optional(),
    /** The public holidays this rep does not work on (else the site's calendar). */
    holidays: HolidayCalendarRef.optional(),
    /** Where the rep's busy time comes from, besides the meetings Baton booked. */
    calendars: z.array(CalendarSource).max(5).default([]),
    active: z.boolean().default(true),
    /** Hears about this rep's SLA breaches. */
    managerEmail: z.string().email().optional(),
    /** A Slack-compatible incoming webhook for this rep's lead notifications (else the site's). */
    notifyWebhookUrl: z.string().url().max(500).optional(),
    /** Where this rep's meetings happen; else the meeting type's location. */
    location: MeetingLocation.optional(),
  })
  .strict();
export type Rep = z.infer<typeof Rep>;

export const weekdays = (hours: Array<[string, string]>, weekend: Array<[string, string]> = []): WorkingHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: weekend,
  sun: weekend,
});

/** The out-of-office period covering `now`, if any. */
export function outOfOfficeAt(rep: Pick<Rep, 'outOfOffice'>, now: Date): OutOfOffice | undefined {
  const t = now.getTime();
  return rep.outOfOffice.find((ooo) => Date.parse(ooo.start) <= t && t < Date.parse(ooo.end));
}
