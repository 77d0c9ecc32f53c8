import type { CalendarSource, Rep } from '../core/routing/rep.js';
import type { Interval } from '../core/scheduling/find-open-slots.js';
import type { Meeting } from '../core/scheduling/meeting.js';

export interface BusyTime {
  busy: Interval[];
  /** All-day "out of office" events. */
  outOfOffice: Interval[];
  /** Unknown when the calendar could not be read; the slots then rest on what is known, and the error is reported. */
  status: 'ok' | 'unknown';
  error?: string;
}

/** One kind of calendar a rep can connect: an iCalendar feed, Google Calendar, Microsoft 365. */
export interface CalendarProvider {
  readonly type: CalendarSource['type'];
  busy(source: CalendarSource, rep: Rep, from: Date, to: Date): Promise<BusyTime>;
  /**
   * Puts the meeting in the rep's calendar; null for read-only sources such as feeds. With `video`, the
   * provider adds its own video meeting (Google Meet, Teams) and returns its join link.
   */
  createEvent(
    source: CalendarSource,
    rep: Rep,
    meeting: Meeting,
    options?: { video: boolean },
  ): Promise<{ eventId: string; videoUrl?: string | null } | null>;
  deleteEvent(source: CalendarSource, rep: Rep, eventId: string): Promise<void>;
}
