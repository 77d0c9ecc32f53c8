import { DateTime } from 'luxon';
import type { Rep } from '../routing/rep.js';
import type { MeetingType } from './meeting-type.js';

/** Epoch milliseconds, half-open [start, end). */
export interface Interval {
  start: number;
  end: number;
}

export interface Slot {
  start: string;
  end: string;
  repId: string;
}

/** A slot as epoch milliseconds: what the computation works in; ISO text is made only for the slots shown. */
export interface SlotTime {
  start: number;
  end: number;
  repId: string;
}

// The same few instants (the grid of a booking window) are shown to every visitor: their ISO text is kept.
const isoTexts = new Map<number, string>();
const isoOf = (ms: number) => {
  let text = isoTexts.get(ms);
  if (text === undefined) {
    if (isoTexts.size >= 20_000) isoTexts.clear();
    text = new Date(ms).toISOString();
    isoTexts.set(ms, text);
  }
  return text;
};

export const toSlot = (time: SlotTime): Slot => ({ start: isoOf(time.start), end: isoOf(time.end), repId: time.repId });

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MINUTE = 60_000;
const DAY = 86_400_000;

interface Window {
  /** Whether the zone's offset stays the same from before the window's first local midnight to after its end. */
  steadyOffset: boolean;
  /** The zone's offset in minutes, when steady. */
  offsetMinutes: number;
}

// Reps of a pool mostly share a few zones, and requests of a day share their days: whether a zone's offset
// holds is worked out once per zone and pair of days, not per rep and request.
const windows = new Map<string, Window>();

/**
 * Whether the zone's offset holds from three days before the window's UTC day to three days after its end:
 * a stretch around the window's local days, so a steady answer holds for them, whatever the hour.
 */
function windowIn(zone: string, from: number, to: number): Window {
  const firstDay = Math.floor(from / DAY) - 3;
  const lastDay = Math.floor(to / DAY) + 3;
  const key = `${zone}|${firstDay}|${lastDay}`;
  let window = windows.get(key);
  if (!window) {
    const offsetMinutes = DateTime.fromMillis(firstDay * DAY, { zone }).offset;
    // Checked day by day, not at the two ends: a zone can leave its offset and come back inside one
    // window (Morocco during Ramadan), which an end-to-end comparison misses.
    let steadyOffset = true;
    for (let day = firstDay + 1; steadyOffset && day <= lastDay; day++)
      steadyOffset = DateTime.fromMillis(day * DAY, { zone }).offset === offsetMinutes;
    window = { steadyOffset, offsetMinutes };
    if (windows.size > 500) windows.clear();
    windows.set(key, window);
  }
  return window;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Working hours as minutes of the day, per weekday (0 = Monday), parsed once per rep's hours. */
const parsedHours = new WeakMap<object, number[][]>();
function minutesOfHours(hours: Rep['workingHours']): number[][] {
  let parsed = parsedHours.get(hours);
  if (!parsed) {
    parsed = DAY_KEYS.map((key) => hours[key].flatMap(([open, close]) => [minutesOf(open), minutesOf(close)]));
    parsedHours.set(hours, parsed);
  }
  return parsed;
}

const at = (day: DateTime, hhmm: string) => {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 });
};

/**
 * The rep's working periods in the window as absolute intervals, built day by day in the rep's own
 * time zone (so daylight-saving changes shift them correctly) and merged where one day's period
 * runs into the next, so a meeting may cross midnight.
 */
export function workingIntervals(
  rep: Pick<Rep, 'timeZone' | 'workingHours'> & { dateOverrides?: Record<string, Array<[string, string]>> },
  from: number,
  to: number,
): Array<Interval & { gridStart: number }> {
  const intervals: Interval[] = [];
  const { steadyOffset, offsetMinutes } = windowIn(rep.timeZone, from, to);
  const hoursOn = (isoDate: string, weekday: number) =>
    rep.dateOverrides?.[isoDate] ?? rep.workingHours[DAY_KEYS[weekday - 1]!];
  if (steadyOffset) {
    // No offset change around the window (the usual case): local times map to instants by one constant
    // offset, and the days are counted from the local midnight before the one the window starts in.
    const offset = offsetMinutes * MINUTE;
    const hours = minutesOfHours(rep.workingHours);
    for (let day = Math.floor((from + offset) / DAY) - 1; day * DAY - offset < to; day++) {
      const base = day * DAY - offset;
      // 1970-01-01, day 0, was a Thursday: weekday 3 counting from Monday as 0.
      const weekday = (day + 3) % 7;
      const override = rep.dateOverrides?.[new Date(day * DAY).toISOString().slice(0, 10)];
      if (override)
        for (const [open, close] of override)
          intervals.push({ start: base + minutesOf(open) * MINUTE, end: base + minutesOf(close) * MINUTE });
      else {
        const minutes = hours[weekday]!;
        for (let i = 0; i < minutes.length; i += 2)
          intervals.push({ start: base + minutes[i]! * MINUTE, end: base + minutes[i + 1]! * MINUTE });
      }
    }
  } else {
    // A daylight-saving change inside the window: each day is placed by the time-zone rules.
    const first = DateTime.fromMillis(from, { zone: rep.timeZone }).startOf('day').minus({ days: 1 });
    for (let day = first; day.toMillis() < to; day = day.plus({ days: 1 })) {
      for (const [open, close] of hoursOn(day.toISODate()!, day.weekday))
        intervals.push({ start: at(day, open).toMillis(), end: at(day, close).toMillis() });
    }
  }
  intervals.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  // gridStart keeps where the period really starts, so offered times stay on its grid when the window cuts it.
  return merged
    .map((interval) => ({
      start: Math.max(interval.start, from),
      end: Math.min(interval.end, to),
      gridStart: interval.start,
    }))
    .filter((interval) => interval.start < interval.end);
}

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/** The same time as sorted, non-overlapping intervals. */
function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

export interface SlotInput {
  rep: Pick<Rep, 'repId' | 'timeZone' | 'workingHours' | 'outOfOffice'> & {
    dateOverrides?: Record<string, Array<[string, string]>>;
  };
  meetingType: MeetingType;
  /** Busy time from every calendar of the rep, Baton's own meetings included. */
  busy: readonly Interval[];
  /** Starts of meetings already booked with the rep, for the per-day maximum. */
  booked: readonly number[];
  now: Date;
}

/**
 * Every start time a visitor may book with the rep: inside working hours, not out of office,
 * at least the minimum notice ahead, inside the booking window, clear of busy time including the
 * buffers, and on days below the maximum number of meetings. Pure and deterministic.
 */
/** The rep's calendar day of an instant, in their zone: the day `maxPerDay` counts meetings in. */
export function repDayOf(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;
}

export function findOpenSlots(input: SlotInput): Slot[] {
  return findOpenTimes(input).map(toSlot);
}

export function findOpenTimes({ rep, meetingType, busy, booked, now }: SlotInput): SlotTime[] {
  const duration = meetingType.durationMinutes * MINUTE;
  // Never the current time: a meeting starting now has begun by the time anyone books it, so even
  // without notice the first start is strictly after now.
  const earliest = now.getTime() + Math.max(meetingType.minimumNoticeMinutes * MINUTE, 1);
  const windowEnd = now.getTime() + meetingType.bookingWindowDays * 86_400_000;
  const blocked = [
    ...busy.map((interval) => ({
      start: interval.start - meetingType.bufferAfterMinutes * MINUTE,
      end: interval.end + meetingType.bufferBeforeMinutes * MINUTE,
    })),
    ...rep.outOfOffice.map((ooo) => ({ start: Date.parse(ooo.start), end: Date.parse(ooo.end) })),
  ];
  const perDay = new Map<string, number>();
  const dayOf = (ms: number) => repDayOf(ms, rep.timeZone);
  for (const start of booked) perDay.set(dayOf(start), (perDay.get(dayOf(start)) ?? 0) + 1);
  const fullDays = new Set([...perDay].filter(([, count]) => count >= meetingType.maxPerDay).map(([day]) => day));
  const disjoint = union(blocked);

  const slots: SlotTime[] = [];
  for (const period of workingIntervals(rep, now.getTime(), windowEnd)) {
    const step = meetingType.slotStepMinutes * MINUTE;
    let start =
      period.gridStart + Math.max(0, Math.ceil((Math.max(period.start, earliest) - period.gridStart) / step)) * step;
    // The blocked intervals are disjoint and sorted; this index only moves forward as the starts do.
    let next = 0;
    for (; start + duration <= period.end; start += step) {
      if (start + duration > windowEnd) break;
      const slot = { start, end: start + duration };
      while (next < disjoint.length && disjoint[next]!.end <= slot.start) next++;
      if (next < disjoint.length && overlaps(slot, disjoint[next]!)) continue;
      if (fullDays.size > 0 && fullDays.has(dayOf(start))) continue;
      slots.push({ start, end: start + duration, repId: rep.repId });
    }
  }
  return slots;
}

/** A pool's slots: the union over its reps, each start taken by the first rep in routing order who is free then. */
export function mergePoolTimes(
  timesByRep: ReadonlyMap<string, readonly SlotTime[]>,
  preference: readonly string[],
): Slot[] {
  const byStart = new Map<number, SlotTime>();
  for (const repId of preference) {
    for (const time of timesByRep.get(repId) ?? []) if (!byStart.has(time.start)) byStart.set(time.start, time);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start).map(toSlot);
}

/** A slot shown in the visitor's time zone. */
export function inZone(slot: Slot, timeZone: string): Slot & { localStart: string; localEnd: string } {
  return {
    ...slot,
    localStart: DateTime.fromISO(slot.start, { zone: timeZone }).toISO({ suppressMilliseconds: true })!,
    localEnd: DateTime.fromISO(slot.end, { zone: timeZone }).toISO({ suppressMilliseconds: true })!,
  };
}
