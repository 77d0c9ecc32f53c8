import { DateTime } from 'luxon';
import { weekdays, type Rep } from '../functions/core/routing/rep.js';
import {
  findOpenTimes,
  mergePoolTimes,
  type Interval,
  type SlotTime,
} from '../functions/core/scheduling/find-open-slots.js';
import { defaultMeetingType } from '../functions/core/scheduling/meeting-type.js';
import { percentile } from './stats.js';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/Madrid', 'Europe/London', 'Asia/Kolkata'];

/** A 50-rep pool over 14 days; each rep has about four busy blocks a working day, like a real calendar. */
export function slotsWorkload() {
  const now = new Date('2026-11-23T08:00:00Z');
  const reps: Array<{ rep: Rep; busy: Interval[] }> = Array.from({ length: 50 }, (_, i) => {
    const timeZone = ZONES[i % ZONES.length]!;
    const busy: Interval[] = [];
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
    };
  });
  const meetingType = { ...defaultMeetingType, bookingWindowDays: 14 };
  // Every run is a new request a second later, so no answer of an earlier one is reused; what a warm instance
  // keeps between requests (each zone's offset over the days asked, the ISO text of instants shown) is.
  let request = 0;
  const run = () => {
    const at = new Date(now.getTime() + request++ * 1000);
    const byRep = new Map<string, SlotTime[]>();
    for (const { rep, busy } of reps)
      byRep.set(rep.repId, findOpenTimes({ rep, meetingType, busy, booked: [], now: at }));
    return mergePoolTimes(
      byRep,
      reps.map(({ rep }) => rep.repId),
    );
  };
  return run;
}

export function benchSlots(iterations = 1000) {
  const run = slotsWorkload();
  const count = run().length;
  // Warm-up: the first runs measure the JIT compiler and the zone data being loaded, not the engine.
  for (let i = 0; i < 200; i++) run();
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
