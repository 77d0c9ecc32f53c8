import type ICAL from 'ical.js';
import type { CalendarSource, Rep } from '../../core/routing/rep.js';
import type { Interval } from '../../core/scheduling/find-open-slots.js';
import type { BusyTime, CalendarProvider } from '../../ports/calendar-provider.js';

const OUT_OF_OFFICE =
  /\b(out of (the )?office|ooo|vacation|holiday|pto|annual leave|f[ée]rias|vacaciones|ausente|fuera de la oficina)\b/i;
const MAX_OCCURRENCES = 5000;

export interface IcsFeedOptions {
  fetch?: typeof fetch;
  /** How long a fetched feed is reused before it is fetched again. */
  refreshMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * A subscribed iCalendar feed (the private address Google, Outlook and iCloud offer): recurring
 * events with RRULE and EXDATE expanded in their own time zones by ical.js, transparent events
 * ignored, all-day "out of office" events reported as such. A feed that cannot be read or parsed
 * degrades to "unknown" with the error; it never throws.
 */
export class IcsFeedCalendar implements CalendarProvider {
  readonly type = 'ics' as const;
  private readonly cache = new Map<string, { at: number; text: string }>();
  private readonly fetch: typeof fetch;

  constructor(private readonly options: IcsFeedOptions = {}) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async busy(source: CalendarSource, _rep: Rep, from: Date, to: Date): Promise<BusyTime> {
    if (source.type !== 'ics') throw new Error('not an iCalendar feed');
    let text: string;
    try {
      text = await this.load(source.url);
    } catch (error) {
      return { busy: [], outOfOffice: [], status: 'unknown', error: `feed not readable: ${(error as Error).message}` };
    }
    try {
      // Loaded when a rep has a feed, not with the function (cold-start time).
      const { default: parser } = await import('ical.js');
      return { ...expandFeed(parser, text, from.getTime(), to.getTime()), status: 'ok' };
    } catch (error) {
      return {
        busy: [],
        outOfOffice: [],
        status: 'unknown',
        error: `feed not valid iCalendar: ${(error as Error).message}`,
      };
    }
  }

  async createEvent(): Promise<null> {
    return null;
  }

  async deleteEvent(): Promise<void> {}

  private async load(url: string): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(url);
    if (cached && now - cached.at < (this.options.refreshMs ?? 5 * 60_000)) return cached.text;
    const response = await this.fetch(url, {
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
      headers: { Accept: 'text/calendar' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    this.cache.set(url, { at: now, text });
    return text;
  }
}

function expandFeed(
  ical: typeof ICAL,
  text: string,
  from: number,
  to: number,
): { busy: Interval[]; outOfOffice: Interval[] } {
  const calendar = new ical.Component(ical.parse(text));
  if (calendar.name !== 'vcalendar') throw new Error('no VCALENDAR');
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ical.TimezoneService.register(zone);
  const busy: Interval[] = [];
  const outOfOffice: Interval[] = [];
  const events = calendar.getAllSubcomponents('vevent');
  const exceptions = events.filter((vevent) => vevent.hasProperty('recurrence-id'));

  const add = (event: ICAL.Event, start: ICAL.Time, end: ICAL.Time) => {
    const interval = { start: start.toJSDate().getTime(), end: end.toJSDate().getTime() };
    if (interval.end <= from || interval.start >= to) return;
    const status = event.component.getFirstPropertyValue('x-microsoft-cdo-busystatus');
    const ooo = status === 'OOF' || OUT_OF_OFFICE.test(event.summary ?? '');
    if (start.isDate && ooo) outOfOffice.push(interval);
    else if (!start.isDate || ooo) busy.push(interval);
  };

  for (const vevent of events) {
    if (vevent.hasProperty('recurrence-id')) continue;
    const event = new ical.Event(vevent, { exceptions });
    if (event.component.getFirstPropertyValue('transp') === 'TRANSPARENT') continue;
    if (event.component.getFirstPropertyValue('status') === 'CANCELLED') continue;
    if (!event.isRecurring()) {
      add(event, event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    for (let count = 0, next = iterator.next(); next && count < MAX_OCCURRENCES; next = iterator.next(), count++) {
      if (next.toJSDate().getTime() >= to) break;
      const details = event.getOccurrenceDetails(next);
      if (details.item.component.getFirstPropertyValue('status') === 'CANCELLED') continue;
      add(details.item, details.startDate, details.endDate);
    }
  }
  return { busy, outOfOffice };
}
