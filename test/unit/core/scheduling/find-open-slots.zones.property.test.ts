import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOpenStarts } from '../../../../functions/core/scheduling/find-open-slots.js';
import type { MeetingType } from '../../../../functions/core/scheduling/meeting-type.js';
import { weekdays, type WorkingHours } from '../../../../functions/core/routing/rep.js';

/*
 * An independent reference for the slot engine, written on Intl.DateTimeFormat alone (the engine uses
 * Luxon and a constant-offset fast path): local wall-clock times are turned into instants by asking Intl
 * for the zone's offset, twice, which is exact for every wall-clock time that exists.
 */
const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string, instant: number) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}
const offsetAt = (timeZone: string, instant: number) => {
  const local = wallClock(timeZone, instant);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return asUtc - Math.floor(instant / MINUTE) * MINUTE;
};
const instantOf = (timeZone: string, utcMidnight: number, minutes: number) => {
  const wall = utcMidnight + minutes * MINUTE;
  const first = wall - offsetAt(timeZone, wall);
  return wall - offsetAt(timeZone, first);
};
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function referenceSlots(timeZone: string, hours: WorkingHours, type: MeetingType, now: number): number[] {
  const earliest = now + Math.max(type.minimumNoticeMinutes * MINUTE, 1);
  const windowEnd = now + type.bookingWindowDays * DAY;
  const today = wallClock(timeZone, now);
  const starts: number[] = [];
  for (let midnight = Date.UTC(today.year, today.month - 1, today.day) - DAY; ; midnight += DAY) {
    if (instantOf(timeZone, midnight, 0) >= windowEnd) break;
    for (const [open, close] of hours[KEYS[new Date(midnight).getUTCDay()]!]) {
      const from = instantOf(timeZone, midnight, minutesOf(open));
      const to = instantOf(timeZone, midnight, minutesOf(close));
      for (let start = from; start + type.durationMinutes * MINUTE <= to; start += type.slotStepMinutes * MINUTE)
        if (start >= earliest && start + type.durationMinutes * MINUTE <= windowEnd) starts.push(start);
    }
  }
  return starts;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// Working hours between 05:00 and 23:00: zones change their offset between midnight and 04:00, so every
// wall-clock time offered exists; the days around a change still move by the change.
const workingDay = fc
  .tuple(fc.integer({ min: 20, max: 40 }), fc.integer({ min: 4, max: 16 }), fc.integer({ min: 1, max: 8 }))
  .chain(([open, morning, gap]) =>
    fc.integer({ min: 0, max: Math.min(16, 92 - open - morning - gap) }).map((afternoon): Array<[string, string]> => {
      const first: [string, string] = [hhmm(open * 15), hhmm((open + morning) * 15)];
      if (afternoon < 2) return [first];
      const restart = open + morning + gap;
      return [first, [hhmm(restart * 15), hhmm((restart + afternoon) * 15)]];
    }),
  );

const scenario = fc.record({
  day: workingDay,
  weekend: fc.boolean(),
  durationMinutes: fc.constantFrom(15, 30, 45, 60),
  slotStepMinutes: fc.constantFrom(15, 30, 60),
  minimumNoticeMinutes: fc.integer({ min: 0, max: 2_880 }),
  bookingWindowDays: fc.integer({ min: 1, max: 90 }),
  // Any minute of the next 24 months (from 2026-11-25), or a few weeks before the usual daylight-saving
  // changes of either hemisphere, so that many windows hold an offset change.
  now: fc.oneof(
    fc.integer({ min: 0, max: 730 * 1_440 }).map((minutes) => Date.UTC(2026, 10, 25) + minutes * MINUTE),
    fc
      .tuple(
        fc.constantFrom(Date.UTC(2027, 2, 1), Date.UTC(2027, 8, 10), Date.UTC(2028, 2, 1), Date.UTC(2028, 8, 10)),
        fc.integer({ min: 0, max: 30 * 1_440 }),
      )
      .map(([base, minutes]) => base + minutes * MINUTE),
  ),
});

const ZONES = Intl.supportedValuesOf('timeZone');

describe('the slot engine in every IANA time zone', () => {
  it('offers exactly the times an Intl-based reference computes, windows up to 90 days over the next 24 months', () => {
    let crossedOffsetChange = 0;
    for (const [index, timeZone] of ZONES.entries()) {
      fc.assert(
        fc.property(scenario, (s) => {
          const hours = weekdays(s.day, s.weekend ? s.day : []);
          const type: MeetingType = {
            id: 'intro',
            name: 'Intro',
            durationMinutes: s.durationMinutes,
            bufferBeforeMinutes: 0,
            bufferAfterMinutes: 0,
            minimumNoticeMinutes: s.minimumNoticeMinutes,
            bookingWindowDays: s.bookingWindowDays,
            maxPerDay: 50,
            slotStepMinutes: s.slotStepMinutes,
          };
          const engine = findOpenStarts({
            rep: { repId: 'r', timeZone, workingHours: hours, outOfOffice: [] },
            meetingType: type,
            busy: [],
            booked: [],
            now: new Date(s.now),
          });
          const offset = offsetAt(timeZone, s.now);
          for (let day = s.now; day <= s.now + s.bookingWindowDays * DAY; day += DAY)
            if (offsetAt(timeZone, day) !== offset) {
              crossedOffsetChange++;
              break;
            }
          expect(Array.from(engine, (start) => new Date(start).toISOString())).toEqual(
            referenceSlots(timeZone, hours, type, s.now).map((start) => new Date(start).toISOString()),
          );
        }),
        // A fixed seed per zone: the same cases on every run, so the suite's answer never changes.
        { seed: 16_000 + index, numRuns: 2 },
      );
    }
    expect(ZONES.length).toBeGreaterThan(300);
    // The sample must include windows across offset changes, or it proves little (about 140 zones still change).
    expect(crossedOffsetChange).toBeGreaterThan(40);
  }, 120_000);
});
