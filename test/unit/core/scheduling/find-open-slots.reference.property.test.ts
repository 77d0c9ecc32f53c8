import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '../../../../functions/core/routing/rep.js';
import {
  findOpenSlots,
  findOpenStarts,
  inZone,
  PoolSlots,
  type Interval,
  type SlotInput,
} from '../../../../functions/core/scheduling/find-open-slots.js';
import type { MeetingType } from '../../../../functions/core/scheduling/meeting-type.js';

/*
 * The slot engine against the rules written out the straightforward way, over random calendars: every day
 * placed by luxon, every candidate start checked against every busy block and out-of-office period, every
 * booked meeting's day asked of luxon, and the pool's starts given to the first rep in the routing order.
 * The engine works in epoch milliseconds over reused buffers, with a constant-offset fast path, and answers
 * a rep's times as bare starts; a wrong slot anywhere shows up as a difference here.
 */
const MINUTE = 60_000;
const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const atLocal = (day: DateTime, hhmm: string) =>
  hhmm === '24:00'
    ? day.plus({ days: 1 }).startOf('day')
    : day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)), second: 0, millisecond: 0 });

function referencePeriods(input: SlotInput, from: number, to: number) {
  const { rep } = input;
  const raw: Interval[] = [];
  const first = DateTime.fromMillis(from, { zone: rep.timeZone }).startOf('day').minus({ days: 1 });
  for (let day = first; day.toMillis() < to; day = day.plus({ days: 1 })) {
    const hours = rep.dateOverrides?.[day.toISODate()!] ?? rep.workingHours[DAY_KEYS[day.weekday - 1]!];
    for (const [open, close] of hours)
      raw.push({ start: atLocal(day, open).toMillis(), end: atLocal(day, close).toMillis() });
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of raw) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged
    .map((period) => ({ start: Math.max(period.start, from), end: Math.min(period.end, to), gridStart: period.start }))
    .filter((period) => period.start < period.end);
}

interface SlotTime {
  start: number;
  end: number;
  repId: string;
}

function referenceTimes(input: SlotInput): SlotTime[] {
  const { rep, meetingType: type, busy, booked, now } = input;
  const duration = type.durationMinutes * MINUTE;
  const step = type.slotStepMinutes * MINUTE;
  const earliest = now.getTime() + Math.max(type.minimumNoticeMinutes * MINUTE, 1);
  const windowEnd = now.getTime() + type.bookingWindowDays * 86_400_000;
  const blocked = [
    ...busy.map((b) => ({
      start: b.start - type.bufferAfterMinutes * MINUTE,
      end: b.end + type.bufferBeforeMinutes * MINUTE,
    })),
    ...rep.outOfOffice.map((o) => ({ start: Date.parse(o.start), end: Date.parse(o.end) })),
  ];
  const dayOf = (ms: number) => DateTime.fromMillis(ms, { zone: rep.timeZone }).toISODate();
  const bookedDays = booked.map(dayOf);
  const fullDays = new Set(bookedDays.filter((day) => bookedDays.filter((d) => d === day).length >= type.maxPerDay));
  const full = (ms: number) => fullDays.size > 0 && fullDays.has(dayOf(ms));
  const times: SlotTime[] = [];
  for (const period of referencePeriods(input, now.getTime(), windowEnd)) {
    for (let start = period.gridStart; start + duration <= period.end; start += step) {
      const end = start + duration;
      if (start < period.start || start < earliest || end > windowEnd) continue;
      if (blocked.some((b) => start < b.end && b.start < end)) continue;
      if (full(start)) continue;
      times.push({ start, end, repId: rep.repId });
    }
  }
  return times;
}

function referencePool(timesByRep: ReadonlyMap<string, readonly SlotTime[]>, preference: readonly string[]) {
  const starts = [...new Set([...timesByRep.values()].flat().map((time) => time.start))].sort((a, b) => a - b);
  return starts.flatMap((start) => {
    for (const repId of preference) {
      const time = timesByRep.get(repId)?.find((candidate) => candidate.start === start);
      if (time) return [{ start: new Date(time.start).toISOString(), end: new Date(time.end).toISOString(), repId }];
    }
    return [];
  });
}

// Zones with and without daylight saving, half-hour and 45-minute offsets, a 30-minute DST (Lord Howe), and
// southern-hemisphere changes.
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'Europe/London',
  'Europe/Madrid',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
];

const hhmm = (quarter: number) =>
  quarter === 96
    ? '24:00'
    : `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

// Any hours of the day, unordered and overlapping, up to midnight (24:00) and from it (00:00).
const dayHours = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 40 }))
    .map(([open, length]): [string, string] => [hhmm(open), hhmm(Math.min(96, open + length))]),
  { maxLength: 3 },
);
const workingHours: fc.Arbitrary<WorkingHours> = fc.record({
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours,
  sun: dayHours,
});

// Now: any quarter-hour of two years, or the weeks before the daylight-saving changes of either hemisphere.
const nowArb = fc.oneof(
  fc.integer({ min: 0, max: 730 * 96 }).map((quarters) => Date.UTC(2026, 10, 25) + quarters * 15 * MINUTE),
  fc
    .tuple(
      fc.constantFrom(Date.UTC(2027, 2, 5), Date.UTC(2027, 2, 25), Date.UTC(2027, 8, 25), Date.UTC(2027, 9, 25)),
      fc.integer({ min: 0, max: 14 * 1_440 }),
    )
    .map(([base, minutes]) => base + minutes * MINUTE),
);

const meetingType: fc.Arbitrary<MeetingType> = fc.record({
  id: fc.constant('intro'),
  name: fc.constant('Intro'),
  durationMinutes: fc.constantFrom(15, 30, 45, 60, 90),
  bufferBeforeMinutes: fc.constantFrom(0, 0, 10, 15, 30),
  bufferAfterMinutes: fc.constantFrom(0, 0, 5, 10, 30),
  minimumNoticeMinutes: fc.integer({ min: 0, max: 3_000 }),
  bookingWindowDays: fc.integer({ min: 1, max: 12 }),
  maxPerDay: fc.integer({ min: 1, max: 3 }),
  slotStepMinutes: fc.constantFrom(10, 15, 30, 60),
});

/** Offsets from now, in minutes, over the window and a day either side. */
const around = fc.integer({ min: -1_440, max: 14 * 1_440 });

const repArb = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  workingHours,
  // Busy blocks unordered and overlapping, some of no length, some across midnight.
  busy: fc.array(fc.tuple(around, fc.integer({ min: 0, max: 600 })), { maxLength: 25 }),
  outOfOffice: fc.array(fc.tuple(around, fc.integer({ min: 1, max: 3_000 })), { maxLength: 2 }),
  booked: fc.array(around, { maxLength: 8 }),
  overrides: fc.array(fc.tuple(fc.integer({ min: -1, max: 13 }), dayHours), { maxLength: 3 }),
});

describe('the slot engine against the straightforward rules, over random calendars and pools', () => {
  it('offers each rep exactly the reference times, and gives each pool start to the first free rep in order', () => {
    fc.assert(
      fc.property(
        nowArb,
        meetingType,
        fc.array(repArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }),
        fc.constantFrom(...ZONES, 'America/Chicago'),
        (now, type, reps, order, zone) => {
          const byRep = new Map<string, Float64Array>();
          const inputs: SlotInput[] = [];
          const expected = new Map<string, SlotTime[]>();
          for (const [index, spec] of reps.entries()) {
            const dateOverrides = Object.fromEntries(
              spec.overrides.map(([day, hours]) => [
                DateTime.fromMillis(now + day * 86_400_000, { zone: spec.timeZone }).toISODate()!,
                hours,
              ]),
            );
            const input: SlotInput = {
              rep: {
                repId: `rep-${index}`,
                timeZone: spec.timeZone,
                workingHours: spec.workingHours,
                outOfOffice: spec.outOfOffice.map(([start, length]) => ({
                  start: new Date(now + start * MINUTE).toISOString(),
                  end: new Date(now + (start + length) * MINUTE).toISOString(),
                })),
                ...(spec.overrides.length > 0 ? { dateOverrides } : {}),
              },
              meetingType: type,
              busy: spec.busy.map(([start, length]) => ({
                start: now + start * MINUTE,
                end: now + (start + length) * MINUTE,
              })),
              booked: spec.booked.map((start) => now + start * MINUTE),
              now: new Date(now),
            };
            inputs.push(input);
            byRep.set(input.rep.repId, findOpenStarts(input));
            const times = referenceTimes(input);
            expected.set(input.rep.repId, times);
            expect(findOpenSlots(input)).toEqual(
              times.map(({ start, end, repId }) => ({
                start: new Date(start).toISOString(),
                end: new Date(end).toISOString(),
                repId,
              })),
            );
          }
          // Earlier reps' answers are checked after later ones ran: no answer shares the engine's buffers. Each
          // slot lasts the meeting type's duration, so its start is all the engine answers.
          expect(new Map([...byRep].map(([repId, starts]) => [repId, Array.from(starts)]))).toEqual(
            new Map([...expected].map(([repId, times]) => [repId, times.map((time) => time.start)])),
          );
          for (const times of expected.values())
            for (const time of times) expect(time.end - time.start).toBe(type.durationMinutes * MINUTE);
          // The routing order may name a rep twice, or one without times or not there at all.
          const preference = order.map((index) => `rep-${index}`);
          const pool = new PoolSlots(type.durationMinutes);
          for (const index of order) if (inputs[index]) pool.add(inputs[index]);
          const slots = pool.slots();
          expect(slots).toEqual(referencePool(expected, preference));
          expect(pool.slotsIn(zone)).toEqual(slots.map((slot) => inZone(slot, zone)));
        },
      ),
      // A fixed seed: the same cases on every run, so the suite's answer never changes.
      { seed: 17_017, numRuns: 200 },
    );
  });

  it('shows each slot in the visitor’s zone as luxon writes it, whichever zones asked for the same instant before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nowArb, fc.constantFrom(...ZONES, 'America/Chicago', 'Asia/Singapore')), { maxLength: 20 }),
        (asked) => {
          for (const [instant, zone] of [...asked, ...asked]) {
            const slot = {
              start: new Date(instant).toISOString(),
              end: new Date(instant + 30 * MINUTE).toISOString(),
              repId: 'r',
            };
            expect(inZone(slot, zone)).toEqual({
              ...slot,
              localStart: DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true }),
              localEnd: DateTime.fromMillis(instant + 30 * MINUTE, { zone }).toISO({ suppressMilliseconds: true }),
            });
          }
        },
      ),
      { seed: 17_018, numRuns: 100 },
    );
  });
});
