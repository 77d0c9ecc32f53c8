import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { weekdays } from '../../../../functions/core/routing/rep.js';
import { findOpenSlots, workingIntervals } from '../../../../functions/core/scheduling/find-open-slots.js';
import { defaultMeetingType, type MeetingType } from '../../../../functions/core/scheduling/meeting-type.js';

const NY = 'America/New_York';
const local = (iso: string, zone = NY) => DateTime.fromISO(iso, { zone }).toMillis();
const meeting = (overrides: Partial<MeetingType> = {}): MeetingType => ({
  ...defaultMeetingType,
  durationMinutes: 30,
  slotStepMinutes: 15,
  minimumNoticeMinutes: 0,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  bookingWindowDays: 1,
  maxPerDay: 50,
  ...overrides,
});
const aRep = (timeZone = NY, hours: Array<[string, string]> = [['09:00', '11:00']]) => ({
  repId: 'r',
  timeZone,
  workingHours: weekdays(hours),
  outOfOffice: [],
});
// Monday 23 November 2026, 07:00 in New York.
const MONDAY_MORNING = new Date(local('2026-11-23T07:00'));
const startsOf = (
  overrides: Partial<MeetingType>,
  busy: Array<[string, string]> = [],
  booked: string[] = [],
  now = MONDAY_MORNING,
) =>
  findOpenSlots({
    rep: aRep(),
    meetingType: meeting(overrides),
    busy: busy.map(([start, end]) => ({ start: local(start), end: local(end) })),
    booked: booked.map((start) => local(start)),
    now,
  }).map((slot) => DateTime.fromISO(slot.start, { zone: NY }).toFormat('HH:mm'));

describe('findOpenSlots at the edges of busy time', () => {
  it('offers a slot that starts exactly when a busy block ends, and one that ends exactly when it starts', () => {
    expect(startsOf({ slotStepMinutes: 30 }, [['2026-11-23T09:30', '2026-11-23T10:00']])).toEqual([
      '09:00',
      '10:00',
      '10:30',
    ]);
  });

  it.each([
    [0, ['09:30', '09:45', '10:00', '10:15', '10:30']],
    [15, ['09:45', '10:00', '10:15', '10:30']],
    [30, ['10:00', '10:15', '10:30']],
  ])('keeps %i minutes free before a meeting, after the busy block that precedes it', (bufferBeforeMinutes, starts) => {
    expect(startsOf({ bufferBeforeMinutes }, [['2026-11-23T09:00', '2026-11-23T09:30']])).toEqual(starts);
  });

  it.each([
    [0, ['09:00', '09:15', '09:30', '10:30']],
    [15, ['09:00', '09:15', '10:30']],
    [30, ['09:00', '10:30']],
  ])('keeps %i minutes free after a meeting, before the busy block that follows it', (bufferAfterMinutes, starts) => {
    expect(startsOf({ bufferAfterMinutes }, [['2026-11-23T10:00', '2026-11-23T10:30']])).toEqual(starts);
  });
});

describe('findOpenSlots at the edges of time', () => {
  it.each([
    ['07:00', 120, '09:00'],
    ['07:00', 121, '09:15'],
    ['09:01', 0, '09:15'],
    ['09:14', 0, '09:15'],
    ['09:15', 0, '09:30'],
  ])('from %s with %i minutes of notice, the first slot is %s', (nowAt, minimumNoticeMinutes, first) => {
    const now = new Date(local(`2026-11-23T${nowAt}`));
    expect(startsOf({ minimumNoticeMinutes }, [], [], now)[0]).toBe(first);
  });

  it('offers the last slot that ends exactly at the end of the working period, none that runs past it', () => {
    expect(startsOf({ slotStepMinutes: 30 }).at(-1)).toBe('10:30');
    expect(startsOf({ durationMinutes: 120, slotStepMinutes: 30 })).toEqual(['09:00']);
    expect(startsOf({ durationMinutes: 121, slotStepMinutes: 30 })).toEqual([]);
  });

  it('offers a slot that ends exactly at the end of the booking window, none after', () => {
    // The window is one day from Monday 09:00: Tuesday's 09:00–09:30 ends after it; Monday 09:00 is now, never offered.
    const now = new Date(local('2026-11-23T09:00'));
    const slots = findOpenSlots({
      rep: aRep(NY, [['08:30', '09:30']]),
      meetingType: meeting({ slotStepMinutes: 30 }),
      busy: [],
      booked: [],
      now,
    }).map((slot) => DateTime.fromISO(slot.start, { zone: NY }).toFormat('ccc HH:mm'));
    expect(slots).toEqual(['Tue 08:30']);
  });

  it('offers nothing during out of office and everything right after it ends', () => {
    const slots = findOpenSlots({
      rep: { ...aRep(), outOfOffice: [{ start: '2026-11-23T09:00:00-05:00', end: '2026-11-23T10:00:00-05:00' }] },
      meetingType: meeting({ slotStepMinutes: 30 }),
      busy: [],
      booked: [],
      now: MONDAY_MORNING,
    }).map((slot) => DateTime.fromISO(slot.start, { zone: NY }).toFormat('HH:mm'));
    expect(slots).toEqual(['10:00', '10:30']);
  });
});

describe('the per-day maximum', () => {
  it.each([
    [1, 2, 7],
    [2, 2, 0],
  ])('with %i of %i meetings booked on Monday, offers %i Monday slots', (count, maxPerDay, offered) => {
    const booked = Array.from({ length: count }, () => '2026-11-23T12:00');
    expect(startsOf({ maxPerDay }, [], booked)).toHaveLength(offered);
  });

  it("counts meetings per day in the rep's time zone, not in UTC", () => {
    // Tokyo is UTC+9: Tuesday 08:00 in Tokyo is still Monday in UTC.
    const tokyo = 'Asia/Tokyo';
    const now = new Date(local('2026-11-23T06:00', tokyo)); // Monday morning in Tokyo
    const slots = findOpenSlots({
      rep: aRep(tokyo, [['09:00', '10:00']]),
      meetingType: meeting({ slotStepMinutes: 30, maxPerDay: 1, bookingWindowDays: 2 }),
      busy: [],
      booked: [local('2026-11-24T08:00', tokyo)],
      now,
    }).map((slot) => DateTime.fromISO(slot.start, { zone: tokyo }).toFormat('ccc HH:mm'));

    expect(slots).toEqual(['Mon 09:00', 'Mon 09:30']);
  });
});

describe('workingIntervals', () => {
  it('merges periods that touch and cuts them to the window, keeping where each period really starts', () => {
    const rep = aRep(NY, [
      ['09:00', '10:00'],
      ['10:00', '11:00'],
      ['13:00', '14:00'],
    ]);
    const from = local('2026-11-23T09:30');
    const to = local('2026-11-23T13:30');

    expect(workingIntervals(rep, from, to)).toEqual([
      { start: from, end: local('2026-11-23T11:00'), gridStart: local('2026-11-23T09:00') },
      { start: local('2026-11-23T13:00'), end: to, gridStart: local('2026-11-23T13:00') },
    ]);
  });

  it('places each day by the zone rules across a daylight-saving change', () => {
    const rep = aRep(NY, [['09:00', '10:00']]);
    const intervals = workingIntervals(rep, local('2026-10-30T00:00'), local('2026-11-03T00:00'));
    expect(intervals.map((interval) => new Date(interval.start).toISOString())).toEqual([
      '2026-10-30T13:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
    ]);
  });
});
