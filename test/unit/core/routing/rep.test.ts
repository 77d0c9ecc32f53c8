import { describe, expect, it } from 'vitest';
import { outOfOfficeAt, Rep, weekdays } from '../../../../functions/core/routing/rep.js';

const ooo = { start: '2026-11-25T00:00:00.000Z', end: '2026-11-26T00:00:00.000Z' };
const aRep = (overrides: Record<string, unknown> = {}) => ({
  repId: 'rep-ana',
  name: 'Ana',
  email: 'ana@acme.test',
  timeZone: 'Europe/Lisbon',
  workingHours: weekdays([['09:00', '17:00']]),
  ...overrides,
});

describe('outOfOfficeAt', () => {
  it.each([
    ['2026-11-24T23:59:59.999Z', false],
    ['2026-11-25T00:00:00.000Z', true],
    ['2026-11-25T23:59:59.999Z', true],
    ['2026-11-26T00:00:00.000Z', false],
  ])('at %s the rep is away: %s (start inclusive, end exclusive)', (now, away) => {
    expect(outOfOfficeAt({ outOfOffice: [ooo] }, new Date(now))).toEqual(away ? ooo : undefined);
  });
});

describe('the Rep schema', () => {
  it('fills in no time off, no calendars and active', () => {
    expect(Rep.parse(aRep())).toMatchObject({ outOfOffice: [], calendars: [], active: true });
  });

  it.each([
    ['a period that ends before it starts', { workingHours: weekdays([['17:00', '09:00']]) }],
    ['a period that ends when it starts', { workingHours: weekdays([['09:00', '09:00']]) }],
    ['an hour past 24:00', { workingHours: weekdays([['09:00', '24:30']]) }],
    ['time off that ends when it starts', { outOfOffice: [{ start: ooo.start, end: ooo.start }] }],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }],
    ['a photo that is neither a URL nor a path', { photoUrl: 'ana.png' }],
  ])('refuses %s', (_name, change) => {
    expect(Rep.safeParse(aRep(change)).success).toBe(false);
  });

  it.each([
    ['a period up to midnight', { workingHours: weekdays([['22:00', '24:00']]) }],
    ['a photo path on the Baton host', { photoUrl: '/reps/ana.svg' }],
    ['time off of one millisecond', { outOfOffice: [{ start: ooo.start, end: '2026-11-25T00:00:00.001Z' }] }],
  ])('accepts %s', (_name, change) => {
    expect(Rep.safeParse(aRep(change)).success).toBe(true);
  });
});
