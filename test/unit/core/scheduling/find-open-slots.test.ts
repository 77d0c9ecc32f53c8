import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { weekdays, type Rep } from '../../../../functions/core/routing/rep.js';
import {
  findOpenSlots,
  inZone,
  PoolSlots,
  type Interval,
} from '../../../../functions/core/scheduling/find-open-slots.js';
import { defaultMeetingType, type MeetingType } from '../../../../functions/core/scheduling/meeting-type.js';

const meeting = (overrides: Partial<MeetingType> = {}): MeetingType => ({
  ...defaultMeetingType,
  minimumNoticeMinutes: 0,
  bufferAfterMinutes: 0,
  bookingWindowDays: 3,
  maxPerDay: 50,
  ...overrides,
});
const aRep = (overrides: Partial<Rep> = {}) => ({
  repId: 'r',
  timeZone: 'America/New_York',
  workingHours: weekdays([['09:00', '11:00']]),
  outOfOffice: [],
  ...overrides,
});
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const startsIn = (slots: Array<{ start: string }>, zone: string) =>
  slots.map((slot) => DateTime.fromISO(slot.start, { zone }).toFormat('ccc HH:mm'));

describe('findOpenSlots', () => {
  it('offers the working hours on the step grid, minus busy time and buffers', () => {
    const now = new Date(local('2026-11-23T07:00', 'America/New_York')); // a Monday
    const busy: Interval[] = [
      { start: local('2026-11-23T09:30', 'America/New_York'), end: local('2026-11-23T10:00', 'America/New_York') },
    ];

    const slots = findOpenSlots({
      rep: aRep(),
      meetingType: meeting({ bookingWindowDays: 1, bufferAfterMinutes: 15 }),
      busy,
      booked: [],
      now,
    });

    // 09:00 would end at 09:30 with a 15-minute buffer into the busy block.
    expect(startsIn(slots, 'America/New_York')).toEqual(['Mon 10:00', 'Mon 10:30']);
  });

  it('keeps the minimum notice and the per-day maximum', () => {
    const now = new Date(local('2026-11-23T08:45', 'America/New_York'));
    const booked = [local('2026-11-24T09:00', 'America/New_York')];

    const slots = findOpenSlots({
      rep: aRep(),
      meetingType: meeting({ minimumNoticeMinutes: 60, maxPerDay: 1, bookingWindowDays: 2 }),
      busy: [],
      booked,
      now,
    });

    expect(startsIn(slots, 'America/New_York')).toEqual(['Mon 10:00', 'Mon 10:30']);
  });

  it('keeps 09:00 local on both sides of the US daylight-saving change (1 November 2026)', () => {
    const now = new Date(local('2026-10-30T06:00', 'America/New_York')); // Friday, EDT
    const slots = findOpenSlots({
      rep: aRep({ workingHours: weekdays([['09:00', '09:30']]) }),
      meetingType: meeting({ bookingWindowDays: 4 }),
      busy: [],
      booked: [],
      now,
    });

    expect(slots.map((slot) => slot.start)).toEqual(['2026-10-30T13:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('keeps 09:00 local across the EU change (25 October 2026), shown to a New York visitor', () => {
    const now = new Date(local('2026-10-23T06:00', 'Europe/Berlin'));
    const rep = aRep({ timeZone: 'Europe/Berlin', workingHours: weekdays([['09:00', '09:30']]) });

    const slots = findOpenSlots({ rep, meetingType: meeting({ bookingWindowDays: 4 }), busy: [], booked: [], now }).map(
      (slot) => inZone(slot, 'America/New_York'),
    );

    expect(slots.map((slot) => slot.start)).toEqual(['2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    expect(slots.map((slot) => slot.localStart)).toEqual(['2026-10-23T03:00:00-04:00', '2026-10-26T04:00:00-04:00']);
  });

  it('shows a Sydney rep’s morning to a Los Angeles visitor as the previous afternoon (19 hours apart)', () => {
    const now = new Date(local('2026-11-23T06:00', 'Australia/Sydney'));
    const rep = aRep({ timeZone: 'Australia/Sydney', workingHours: weekdays([['09:00', '09:30']]) });

    const [first] = findOpenSlots({
      rep,
      meetingType: meeting({ bookingWindowDays: 1 }),
      busy: [],
      booked: [],
      now,
    }).map((slot) => inZone(slot, 'America/Los_Angeles'));

    expect(first).toMatchObject({
      start: '2026-11-22T22:00:00.000Z',
      localStart: '2026-11-22T14:00:00-08:00',
      localEnd: '2026-11-22T14:30:00-08:00',
    });
  });

  it('handles a half-hour zone (Asia/Kolkata) on both sides', () => {
    const now = new Date(local('2026-11-23T06:00', 'Asia/Kolkata'));
    const rep = aRep({ timeZone: 'Asia/Kolkata', workingHours: weekdays([['10:00', '10:30']]) });

    const [first] = findOpenSlots({
      rep,
      meetingType: meeting({ bookingWindowDays: 1 }),
      busy: [],
      booked: [],
      now,
    }).map((slot) => inZone(slot, 'Europe/London'));

    expect(first).toMatchObject({ start: '2026-11-23T04:30:00.000Z', localStart: '2026-11-23T04:30:00+00:00' });
  });

  it('offers a meeting that crosses midnight when the working hours run on into the next day', () => {
    const hours = {
      mon: [['22:00', '24:00']],
      tue: [['00:00', '01:00']],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    } as unknown as Rep['workingHours'];
    const now = new Date(local('2026-11-23T12:00', 'Asia/Tokyo'));

    const slots = findOpenSlots({
      rep: aRep({ timeZone: 'Asia/Tokyo', workingHours: hours }),
      meetingType: meeting({ durationMinutes: 60, slotStepMinutes: 30, bookingWindowDays: 2 }),
      busy: [],
      booked: [],
      now,
    });

    expect(startsIn(slots, 'Asia/Tokyo')).toEqual(['Mon 22:00', 'Mon 22:30', 'Mon 23:00', 'Mon 23:30', 'Tue 00:00']);
  });

  it('offers nothing while the rep is out of office, and follows date overrides', () => {
    const now = new Date(local('2026-11-23T07:00', 'America/New_York'));
    const rep = aRep({
      outOfOffice: [{ start: '2026-11-23T00:00:00-05:00', end: '2026-11-24T00:00:00-05:00' }],
      dateOverrides: { '2026-11-24': [['13:00', '14:00']] },
    });

    expect(
      startsIn(
        findOpenSlots({ rep, meetingType: meeting({ bookingWindowDays: 2 }), busy: [], booked: [], now }),
        'America/New_York',
      ),
    ).toEqual(['Tue 13:00', 'Tue 13:30']);
  });
});

describe('PoolSlots', () => {
  // A Monday; each rep works one stretch in UTC, so hour-long meetings start on the hour.
  const now = new Date('2026-11-23T00:00:00.000Z');
  const type = meeting({ bookingWindowDays: 1, durationMinutes: 60, slotStepMinutes: 60 });
  const working = (repId: string, open: string, close: string) => ({
    rep: aRep({ repId, timeZone: 'UTC', workingHours: weekdays([[open, close]]) }),
    meetingType: type,
    busy: [],
    booked: [],
    now,
  });

  it('gives each start to the first rep added who is free, and writes the winners as ISO times', () => {
    const pool = new PoolSlots(type.durationMinutes);
    pool.add(working('b', '14:00', '16:00'));
    pool.add(working('a', '13:00', '15:00'));

    expect(pool.slots()).toEqual([
      { repId: 'a', start: '2026-11-23T13:00:00.000Z', end: '2026-11-23T14:00:00.000Z' },
      { repId: 'b', start: '2026-11-23T14:00:00.000Z', end: '2026-11-23T15:00:00.000Z' },
      { repId: 'b', start: '2026-11-23T15:00:00.000Z', end: '2026-11-23T16:00:00.000Z' },
    ]);
  });

  it('shows the same slots in a visitor’s zone as inZone does, and has none when no rep is free', () => {
    const pool = new PoolSlots(type.durationMinutes);
    expect(pool.slotsIn('Asia/Kolkata')).toEqual([]);
    pool.add(working('a', '13:00', '15:00'));

    expect(pool.slotsIn('Asia/Kolkata')).toEqual(pool.slots().map((slot) => inZone(slot, 'Asia/Kolkata')));
    expect(pool.slotsIn('Asia/Kolkata')[0]).toMatchObject({ localStart: '2026-11-23T18:30:00+05:30' });
  });
});
