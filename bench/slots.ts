import { DateTime } from 'luxon';
import { weekdays, type Rep } from '../functions/core/routing/rep.js';
import { type Interval, PoolSlots } from '../functions/core/scheduling/find-open-slots.js';
import { defaultMeetingType } from '../functions/core/scheduling/meeting-type.js';
import { slotListing } from '../functions/app/scheduling/slots-of-reps.js';
import { percentile } from './stats.js';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/Madrid', 'Europe/London', 'Asia/Kolkata'];
const VISITOR_ZONES = ['America/Chicago', 'Europe/Berlin', 'Asia/Singapore'];

/**
 * A 50-rep pool over 14 days; each rep has about four busy blocks a working day, like a real calendar, two of
 * them meetings Baton booked (which count toward the day's maximum). A run is what listing a conversation's
 * slots computes once the reps and their busy time are read: each rep's open times, the pool's merge, and the
 * answer in the visitor's zone.
 */
export function slotsWorkload() {
  const now = new Date('2026-11-23T08:00:00Z');
  const reps: Array<{ rep: Rep; busy: Interval[]; booked: number[] }> = Array.from({ length: 50 }, (_, i) => {
    const timeZone = ZONES[i % ZONES.length]!;
    const busy: Interval[] = [];
    const booked: number[] = [];
    for (let day = 0; day < 15; day++) {
      const base = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').plus({ days: day });
      for (const [hour, minutes] of [
        [9 + (i % 3), 60],
        [11, 30],
        [14 + (day % 2), 90],
        [16, 45],
      ] as const) {
        const start = base.set({ hour, minute: (i * 7) % 60 }).toMillis();
        busy.push({ start, end: start + minutes * 60_000 });
        if (hour === 11 || hour === 16) booked.push(start);
      }
    }
    return {
      rep: {
        repId: `rep-${i}`,
        name: `Rep ${i}`,
        email: `rep${i}@acme.test`,
        timeZone,
        workingHours: weekdays([
          ['09:00', '12:30'],
          ['13:30', '18:00'],
        ]),
        outOfOffice: [],
        calendars: [],
        active: true,
      },
      busy,
      booked,
    };
  });
  const meetingType = { ...defaultMeetingType, bookingWindowDays: 14 };
  // Every run is a new request a second later, so no answer of an earlier one is reused; what a warm instance
  // keeps between requests (each zone's offset over the days asked, the ISO and local text of instants shown)
  // is. Visitors come from a few zones.
  let request = 0;
  const run = () => {
    const at = new Date(now.getTime() + request * 1000);
    const visitorZone = VISITOR_ZONES[request++ % VISITOR_ZONES.length]!;
    const pool = new PoolSlots(meetingType.durationMinutes);
    for (const { rep, busy, booked } of reps) pool.add({ rep, meetingType, busy, booked, now: at });
    return slotListing(
      visitorZone,
      meetingType,
      reps.map(({ rep }) => rep),
      pool,
    );
  };
  return run;
}

// 2,000 timed listings: the p99 is then the 20th slowest, not a single outlier's neighbour.
export function benchSlots(iterations = 2000) {
  const run = slotsWorkload();
  const count = run().slots.length;
  // Warm-up: the first runs measure the JIT compiler and the zone data being loaded, not the engine.
  for (let i = 0; i < 500; i++) run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return {
    reps: 50,
    days: 14,
    slots: count,
    p50_ms: round(percentile(times, 50)),
    p99_ms: round(percentile(times, 99)),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
