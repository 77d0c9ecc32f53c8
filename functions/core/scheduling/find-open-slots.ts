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

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MINUTE = 60_000;
const DAY = 86_400_000;

// The same few instants (the grid of a booking window) are shown to every visitor: their ISO text is kept, by
// the minute (a small integer: an instant's milliseconds as a key would be boxed into a new number per look-up).
const isoTexts = new Map<number, string>();
const isoOf = (ms: number) => {
  const minute = ms / MINUTE;
  if (!Number.isInteger(minute)) return new Date(ms).toISOString();
  let text = isoTexts.get(minute);
  if (text === undefined) {
    if (isoTexts.size >= 20_000) isoTexts.clear();
    text = new Date(ms).toISOString();
    isoTexts.set(minute, text);
  }
  return text;
};

/** The rep's slot starting at an epoch-millisecond instant, written as ISO text. */
export const toSlot = (start: number, durationMinutes: number, repId: string): Slot => ({
  start: isoOf(start),
  end: isoOf(start + durationMinutes * MINUTE),
  repId,
});

interface Window {
  /** Whether the zone's offset stays the same from before the window's first local midnight to after its end. */
  steadyOffset: boolean;
  /** The zone's offset in minutes, when steady. */
  offsetMinutes: number;
}

// Reps of a pool mostly share a few zones, and requests of a day share their days: whether a zone's offset
// holds is worked out once per zone and pair of days, not per rep and request (kept by zone, then by the days
// as one number, so finding it makes no key text).
const windows = new Map<string, Map<number, Window>>();
let windowCount = 0;

/**
 * Whether the zone's offset holds from three days before the window's UTC day to three days after its end:
 * a stretch around the window's local days, so a steady answer holds for them, whatever the hour.
 */
function windowIn(zone: string, from: number, to: number): Window {
  const firstDay = Math.floor(from / DAY) - 3;
  const lastDay = Math.floor(to / DAY) + 3;
  let ofZone = windows.get(zone);
  if (ofZone === undefined) {
    ofZone = new Map();
    windows.set(zone, ofZone);
  }
  // Days since 1970 and window lengths (at most 97 days) both fit: one number per pair of days.
  const key = firstDay * 1_000 + (lastDay - firstDay);
  let window = ofZone.get(key);
  if (!window) {
    const offsetMinutes = DateTime.fromMillis(firstDay * DAY, { zone }).offset;
    // Checked day by day, not at the two ends: a zone can leave its offset and come back inside one
    // window (Morocco during Ramadan), which an end-to-end comparison misses.
    let steadyOffset = true;
    for (let day = firstDay + 1; steadyOffset && day <= lastDay; day++)
      steadyOffset = DateTime.fromMillis(day * DAY, { zone }).offset === offsetMinutes;
    window = { steadyOffset, offsetMinutes };
    if (windowCount > 500) {
      windows.clear();
      windowCount = 0;
      windows.set(zone, ofZone);
      ofZone.clear();
    }
    ofZone.set(key, window);
    windowCount++;
  }
  return window;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** One day's hours as minutes [open, close, open, close…], ordered by opening so days only need appending. */
const dayMinutes = (hours: ReadonlyArray<readonly [string, string]>): number[] => {
  const minutes = hours.map(([open, close]) => [minutesOf(open), minutesOf(close)] as const);
  minutes.sort((a, b) => a[0] - b[0]);
  return minutes.flat();
};

/** Working hours as minutes of the day, per weekday (0 = Monday), parsed once per rep's hours. */
const parsedHours = new WeakMap<object, number[][]>();
function minutesOfHours(hours: Rep['workingHours']): number[][] {
  let parsed = parsedHours.get(hours);
  if (!parsed) {
    parsed = DAY_KEYS.map((key) => dayMinutes(hours[key]));
    parsedHours.set(hours, parsed);
  }
  return parsed;
}

// The date text of a UTC day number, the key of a date override; the same few days are asked of every rep.
const isoDates = new Map<number, string>();
const isoDateOf = (day: number) => {
  let text = isoDates.get(day);
  if (text === undefined) {
    if (isoDates.size >= 2_000) isoDates.clear();
    text = new Date(day * DAY).toISOString().slice(0, 10);
    isoDates.set(day, text);
  }
  return text;
};

/**
 * Growable scratch numbers: the computation is synchronous, so one set of buffers serves every call, and a
 * listing allocates only what it returns (its garbage was most of its tail latency).
 */
class Numbers {
  values = new Float64Array(256);
  length = 0;
  push1(a: number) {
    if (this.length + 1 > this.values.length) this.grow();
    this.values[this.length++] = a;
  }
  push2(a: number, b: number) {
    if (this.length + 2 > this.values.length) this.grow();
    this.values[this.length++] = a;
    this.values[this.length++] = b;
  }
  push3(a: number, b: number, c: number) {
    if (this.length + 3 > this.values.length) this.grow();
    this.values[this.length++] = a;
    this.values[this.length++] = b;
    this.values[this.length++] = c;
  }
  private grow() {
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }
}

/** [start, end] pairs ordered by start (stable), in place: a no-op for the usual already ordered input. */
function sortPairs(pairs: Numbers) {
  const { values, length } = pairs;
  let ordered = true;
  for (let i = 2; ordered && i < length; i += 2) ordered = values[i - 2]! <= values[i]!;
  if (ordered) return;
  const sorted = Array.from({ length: length / 2 }, (_, i) => [values[2 * i]!, values[2 * i + 1]!] as const);
  sorted.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < sorted.length; i++) {
    values[2 * i] = sorted[i]![0];
    values[2 * i + 1] = sorted[i]![1];
  }
}

/** Sorted [start, end] pairs merged where they touch or overlap, in place (the same time as disjoint pairs). */
function unionPairs(pairs: Numbers) {
  const values = pairs.values;
  let out = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const start = values[i]!;
    const end = values[i + 1]!;
    if (out > 0 && start <= values[out - 1]!) values[out - 1] = Math.max(values[out - 1]!, end);
    else {
      values[out++] = start;
      values[out++] = end;
    }
  }
  pairs.length = out;
}

const at = (day: DateTime, hhmm: string) => {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 });
};

const rawHours = new Numbers();
const periodScratch = new Numbers();
const blockedScratch = new Numbers();
let bookedDays = new Float64Array(64);

/**
 * The rep's working periods in [from, to) as [start, end, gridStart] triples in `periods`: built day by day in
 * the rep's own time zone (so daylight-saving changes shift them correctly) and merged where one day's period
 * runs into the next, so a meeting may cross midnight. gridStart keeps where the period really starts, so
 * offered times stay on its grid when the window cuts it.
 */
function workingPeriods(rep: WorkingRep, from: number, to: number, window: Window, periods: Numbers) {
  const raw = rawHours;
  raw.length = 0;
  const { steadyOffset, offsetMinutes } = window;
  const overrides = rep.dateOverrides;
  if (steadyOffset) {
    // No offset change around the window (the usual case): local times map to instants by one constant
    // offset, and the days are counted from the local midnight before the one the window starts in. A day's
    // hours lie inside its own 24 hours and are ordered, so appending day after day keeps them ordered.
    const offset = offsetMinutes * MINUTE;
    const hours = minutesOfHours(rep.workingHours);
    for (let day = Math.floor((from + offset) / DAY) - 1; day * DAY - offset < to; day++) {
      const base = day * DAY - offset;
      const override = overrides === undefined ? undefined : overrides[isoDateOf(day)];
      // 1970-01-01, day 0, was a Thursday: weekday 3 counting from Monday as 0.
      const minutes = override === undefined ? hours[(day + 3) % 7]! : dayMinutes(override);
      for (let i = 0; i < minutes.length; i += 2)
        raw.push2(base + minutes[i]! * MINUTE, base + minutes[i + 1]! * MINUTE);
    }
  } else {
    // A daylight-saving change inside the window: each day is placed by the time-zone rules.
    const first = DateTime.fromMillis(from, { zone: rep.timeZone }).startOf('day').minus({ days: 1 });
    for (let day = first; day.toMillis() < to; day = day.plus({ days: 1 })) {
      const hours = overrides?.[day.toISODate()!] ?? rep.workingHours[DAY_KEYS[day.weekday - 1]!];
      for (const [open, close] of hours) raw.push2(at(day, open).toMillis(), at(day, close).toMillis());
    }
    sortPairs(raw);
  }
  unionPairs(raw);
  periods.length = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const start = Math.max(raw.values[i]!, from);
    const end = Math.min(raw.values[i + 1]!, to);
    if (start < end) periods.push3(start, end, raw.values[i]!);
  }
}

type WorkingRep = Pick<Rep, 'timeZone' | 'workingHours'> & { dateOverrides?: Record<string, Array<[string, string]>> };

/** The rep's working periods in the window as absolute intervals (see workingPeriods). */
export function workingIntervals(rep: WorkingRep, from: number, to: number): Array<Interval & { gridStart: number }> {
  const periods = new Numbers();
  workingPeriods(rep, from, to, windowIn(rep.timeZone, from, to), periods);
  const intervals: Array<Interval & { gridStart: number }> = [];
  for (let i = 0; i < periods.length; i += 3)
    intervals.push({ start: periods.values[i]!, end: periods.values[i + 1]!, gridStart: periods.values[i + 2]! });
  return intervals;
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

/** The rep's calendar day of an instant, in their zone: the day `maxPerDay` counts meetings in. */
export function repDayOf(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;
}

/**
 * The rep's local day of an instant as a day number: by the window's steady offset inside the stretch it was
 * checked over, else by the zone's rules.
 */
function localDay(ms: number, timeZone: string, window: Window, from: number, to: number): number {
  if (window.steadyOffset && ms >= (Math.floor(from / DAY) - 3) * DAY && ms < (Math.floor(to / DAY) + 3) * DAY)
    return Math.floor((ms + window.offsetMinutes * MINUTE) / DAY);
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return Date.UTC(local.year, local.month - 1, local.day) / DAY;
}

export function findOpenSlots(input: SlotInput): Slot[] {
  const { durationMinutes } = input.meetingType;
  return Array.from(findOpenStarts(input), (start) => toSlot(start, durationMinutes, input.rep.repId));
}

const openScratch = new Numbers();

/**
 * Every start time a visitor may book with the rep: inside working hours, not out of office,
 * at least the minimum notice ahead, inside the booking window, clear of busy time including the
 * buffers, and on days below the maximum number of meetings. Pure and deterministic.
 *
 * The starts come ascending as epoch milliseconds, each slot lasting the meeting type's duration: one
 * array of numbers, not an object per time (a pool's few thousand times were most of a listing's garbage).
 */
export function findOpenStarts(input: SlotInput): Float64Array {
  const starts = openScratch;
  openStartsInto(input, starts);
  return starts.values.slice(0, starts.length);
}

/** findOpenStarts into a reused buffer. */
function openStartsInto({ rep, meetingType, busy, booked, now }: SlotInput, starts: Numbers) {
  const duration = meetingType.durationMinutes * MINUTE;
  const step = meetingType.slotStepMinutes * MINUTE;
  const from = now.getTime();
  // Never the current time: a meeting starting now has begun by the time anyone books it, so even
  // without notice the first start is strictly after now.
  const earliest = from + Math.max(meetingType.minimumNoticeMinutes * MINUTE, 1);
  const windowEnd = from + meetingType.bookingWindowDays * DAY;
  const window = windowIn(rep.timeZone, from, windowEnd);

  const blocked = blockedScratch;
  blocked.length = 0;
  const bufferAfter = meetingType.bufferAfterMinutes * MINUTE;
  const bufferBefore = meetingType.bufferBeforeMinutes * MINUTE;
  for (let i = 0; i < busy.length; i++) blocked.push2(busy[i]!.start - bufferAfter, busy[i]!.end + bufferBefore);
  for (const ooo of rep.outOfOffice) blocked.push2(Date.parse(ooo.start), Date.parse(ooo.end));
  sortPairs(blocked);
  unionPairs(blocked);

  const fullDays = fullDaysOf(rep.timeZone, meetingType.maxPerDay, booked, window, from, windowEnd);

  const periods = periodScratch;
  workingPeriods(rep, from, windowEnd, window, periods);
  starts.length = 0;
  const disjoint = blocked.values;
  // The blocked pairs are disjoint and sorted; this index only moves forward as the starts do.
  let next = 0;
  for (let p = 0; p < periods.length; p += 3) {
    const periodStart = periods.values[p]!;
    const periodEnd = periods.values[p + 1]!;
    const gridStart = periods.values[p + 2]!;
    let start = gridStart + Math.max(0, Math.ceil((Math.max(periodStart, earliest) - gridStart) / step)) * step;
    for (; start + duration <= periodEnd; start += step) {
      const end = start + duration;
      if (end > windowEnd) break;
      while (next < blocked.length && disjoint[next + 1]! <= start) next += 2;
      if (next < blocked.length && start < disjoint[next + 1]! && disjoint[next]! < end) continue;
      if (fullDays?.has(localDay(start, rep.timeZone, window, from, windowEnd))) continue;
      starts.push1(start);
    }
  }
}

/**
 * The rep's local days (as day numbers) holding maxPerDay booked meetings, or nothing when none is full. A day
 * is full only with maxPerDay meetings booked, so fewer bookings need no day worked out at all; the days are
 * counted as sorted numbers in a reused buffer, and a set is made only for a full day.
 */
function fullDaysOf(
  timeZone: string,
  maxPerDay: number,
  booked: readonly number[],
  window: Window,
  from: number,
  to: number,
): Set<number> | undefined {
  if (booked.length < maxPerDay) return undefined;
  if (bookedDays.length < booked.length) bookedDays = new Float64Array(2 * booked.length);
  const days = bookedDays;
  const count = booked.length;
  // An insertion sort in place: a rep's bookings of a window are few, and mostly come in order already.
  for (let i = 0; i < count; i++) {
    const day = localDay(booked[i]!, timeZone, window, from, to);
    let j = i;
    for (; j > 0 && days[j - 1]! > day; j--) days[j] = days[j - 1]!;
    days[j] = day;
  }
  let fullDays: Set<number> | undefined;
  for (let i = 0, run = 1; i < count; i++, run++) {
    if (i + 1 < count && days[i + 1] === days[i]) continue;
    if (run >= maxPerDay) {
      fullDays ??= new Set();
      fullDays.add(days[i]!);
    }
    run = 0;
  }
  return fullDays;
}

/**
 * A pool's slots, its reps' open times added rep by rep in routing order: each start goes to the first rep who
 * is free then. Only the winning starts are kept, ascending, as numbers beside their rep's place; slot objects
 * are made only for the answer. Reps are added across awaits of the listing's reads, so each pool has its own
 * buffers (a listing's few hundred winners, not every rep's times).
 */
export class PoolSlots {
  private starts = new Float64Array(0);
  private winners = new Int32Array(0);
  private count = 0;
  private readonly repIds: string[] = [];

  constructor(private readonly durationMinutes: number) {}

  /** The rep's open times (as findOpenStarts), after those of every rep added before. */
  add(input: SlotInput): void {
    const fresh = openScratch;
    openStartsInto(input, fresh);
    const added = fresh.length;
    if (added === 0) return;
    const rep = this.repIds.push(input.rep.repId) - 1;
    const count = this.count;
    if (this.starts.length < count + added) {
      const size = Math.max(256, 2 * (count + added));
      const grown = new Float64Array(size);
      grown.set(this.starts);
      this.starts = grown;
      const grownWinners = new Int32Array(size);
      grownWinners.set(this.winners);
      this.winners = grownWinners;
    }
    // Both lists ascend: one pass from their ends merges them in place (the write position never passes the
    // next kept start to read), and a start both hold stays with the earlier rep.
    const starts = this.starts;
    const winners = this.winners;
    const times = fresh.values;
    let i = count - 1;
    let j = added - 1;
    let k = count + added - 1;
    while (j >= 0) {
      const offered = times[j]!;
      if (i >= 0 && starts[i]! >= offered) {
        if (starts[i] === offered) j--;
        starts[k] = starts[i]!;
        winners[k--] = winners[i--]!;
      } else {
        starts[k] = offered;
        winners[k--] = rep;
        j--;
      }
    }
    // Starts both held leave a gap between the kept ones still in place and the merged tail: closed here.
    const end = count + added;
    if (k > i) {
      starts.copyWithin(i + 1, k + 1, end);
      winners.copyWithin(i + 1, k + 1, end);
    }
    this.count = end - (k - i);
  }

  /** The pool's slots, ascending by start, as ISO text. */
  slots(): Slot[] {
    const slots: Slot[] = new Array(this.count);
    for (let i = 0; i < this.count; i++)
      slots[i] = toSlot(this.starts[i]!, this.durationMinutes, this.repIds[this.winners[i]!]!);
    return slots;
  }

  /** The pool's slots shown in the visitor's time zone (as inZone), made once each. */
  slotsIn(timeZone: string): ZonedSlot[] {
    const slots: ZonedSlot[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const start = isoOf(this.starts[i]!);
      const end = isoOf(this.starts[i]! + this.durationMinutes * MINUTE);
      slots[i] = {
        start,
        end,
        repId: this.repIds[this.winners[i]!]!,
        localStart: localText(start, timeZone),
        localEnd: localText(end, timeZone),
      };
    }
    return slots;
  }
}

// The same few instants are shown in the same few visitor zones over and over: each one's local text is kept
// per zone (luxon works the zone's offset out through Intl each time, the costliest step of a listing).
const localTexts = new Map<string, Map<string, string>>();
let localTextCount = 0;
function localText(iso: string, timeZone: string): string {
  let texts = localTexts.get(timeZone);
  if (texts === undefined) {
    texts = new Map();
    localTexts.set(timeZone, texts);
  }
  let text = texts.get(iso);
  if (text === undefined) {
    if (localTextCount >= 50_000) {
      localTexts.clear();
      localTextCount = 0;
      return localText(iso, timeZone);
    }
    text = DateTime.fromISO(iso, { zone: timeZone }).toISO({ suppressMilliseconds: true })!;
    texts.set(iso, text);
    localTextCount++;
  }
  return text;
}

type ZonedSlot = Slot & { localStart: string; localEnd: string };

/** A slot shown in the visitor's time zone. */
export function inZone(slot: Slot, timeZone: string): ZonedSlot {
  return {
    start: slot.start,
    end: slot.end,
    repId: slot.repId,
    localStart: localText(slot.start, timeZone),
    localEnd: localText(slot.end, timeZone),
  };
}
