import { DateTime } from 'luxon';
import type { Rep } from '../../core/routing/rep.js';
import { findOpenStarts, type Interval, type SlotInput } from '../../core/scheduling/find-open-slots.js';
import { withHolidays } from '../../core/scheduling/holiday-calendar.js';
import type { MeetingType } from '../../core/scheduling/meeting-type.js';
import type { CalendarProvider } from '../../ports/calendar-provider.js';
import type { Clock } from '../../ports/clock.js';
import type { HolidayCalendar } from '../../ports/holiday-calendar.js';
import type { MeetingStore } from '../../ports/meeting-store.js';
import type { SiteStore } from '../../ports/site-store.js';

export interface SlotDependencies {
  clock: Clock;
  meetings: MeetingStore;
  calendars: ReadonlyMap<string, CalendarProvider>;
  sites: SiteStore;
  holidays: HolidayCalendar;
}

export interface CalendarStatus {
  source: string;
  status: 'ok' | 'unknown';
  error?: string;
}

/**
 * The one computation behind the slots a visitor sees and the check at booking: working hours,
 * out of office (set in Baton or read from the calendars), public holidays (the rep's calendar, else
 * the site's; dates in the rep's own zone), Baton's own meetings with their buffers,
 * and busy time from every connected calendar. The open times are starts (findOpenStarts).
 */
export async function repSlots(
  deps: SlotDependencies,
  siteKey: string,
  rep: Rep,
  meetingType: MeetingType,
  now = deps.clock(),
  /** A meeting being rescheduled does not block its own new time. */
  ignoreMeetingId?: string,
): Promise<{ starts: Float64Array; calendars: CalendarStatus[] }> {
  const { input, calendars } = await repSlotInput(deps, siteKey, rep, meetingType, now, ignoreMeetingId);
  return { starts: findOpenStarts(input), calendars };
}

/** What the slot engine needs of a rep, read from Baton's meetings, the rep's calendars and holidays. */
export async function repSlotInput(
  deps: SlotDependencies,
  siteKey: string,
  rep: Rep,
  meetingType: MeetingType,
  now: Date,
  ignoreMeetingId?: string,
): Promise<{ input: SlotInput; calendars: CalendarStatus[] }> {
  const from = now;
  const to = DateTime.fromJSDate(now)
    .plus({ days: meetingType.bookingWindowDays + 1 })
    .toJSDate();
  const meetings = (await deps.meetings.listForRep(siteKey, rep.repId, from.toISOString(), to.toISOString())).filter(
    (meeting) => meeting.meetingId !== ignoreMeetingId,
  );
  const busy: Interval[] = meetings.map((meeting) => ({
    start: Date.parse(meeting.blockedStart),
    end: Date.parse(meeting.blockedEnd),
  }));
  const outOfOffice = [...rep.outOfOffice];
  const calendars: CalendarStatus[] = [];
  await Promise.all(
    rep.calendars.map(async (source) => {
      const provider = deps.calendars.get(source.type);
      if (!provider) {
        calendars.push({
          source: source.type,
          status: 'unknown',
          error: `no ${source.type} calendar is configured on this deployment`,
        });
        return;
      }
      const result = await provider.busy(source, rep, from, to);
      busy.push(...result.busy);
      outOfOffice.push(
        ...result.outOfOffice.map((interval) => ({
          start: new Date(interval.start).toISOString(),
          end: new Date(interval.end).toISOString(),
        })),
      );
      calendars.push({ source: source.type, status: result.status, ...(result.error ? { error: result.error } : {}) });
    }),
  );
  const dateOverrides = withHolidays(rep.dateOverrides, await holidaysOf(deps, siteKey, rep, from, to));
  const input: SlotInput = {
    rep: { ...rep, outOfOffice, ...(dateOverrides ? { dateOverrides } : {}) },
    meetingType,
    busy,
    booked: meetings.map((meeting) => Date.parse(meeting.start)),
    now,
  };
  return { input, calendars };
}

/** The holiday dates of the rep's calendar (else the site's) in the years the window touches in the rep's zone. */
async function holidaysOf(
  deps: Pick<SlotDependencies, 'sites' | 'holidays'>,
  siteKey: string,
  rep: Rep,
  from: Date,
  to: Date,
): Promise<Iterable<string>> {
  // The site is read through its cache: the slot listing has read it already for the meeting type.
  const calendar = rep.holidays ?? (await deps.sites.get(siteKey))?.holidays;
  if (!calendar) return [];
  const first = DateTime.fromJSDate(from, { zone: rep.timeZone }).year;
  const last = DateTime.fromJSDate(to, { zone: rep.timeZone }).year;
  const years = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  return deps.holidays.dates(calendar, years);
}
