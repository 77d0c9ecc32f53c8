import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DateHolidaysCalendar } from '../../../functions/adapters/holidays/date-holidays-calendar.js';
import { repSlots, type SlotDependencies } from '../../../functions/app/scheduling/rep-slots.js';
import type { Site } from '../../../functions/core/conversation/site.js';
import type { HolidayCalendarRef } from '../../../functions/core/scheduling/holiday-calendar.js';
import { defaultMeetingType } from '../../../functions/core/scheduling/meeting-type.js';
import type { MeetingStore } from '../../../functions/ports/meeting-store.js';
import type { SiteStore } from '../../../functions/ports/site-store.js';
import { aSite } from '../../fixtures/builders.js';
import { aLiveRep } from '../../fixtures/live-chat.js';

// Tuesday before US Thanksgiving (Thursday 26 November 2026); a three-day window covers Wed–Fri.
const NOW = new Date('2026-11-24T12:00:00Z');
const ALL_DAY = [['00:00', '24:00'] as [string, string]];
const everyDay = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
const calendar = new DateHolidaysCalendar();

function slotDeps(site: Site): SlotDependencies {
  return {
    clock: () => NOW,
    meetings: { listForRep: async () => [] } as unknown as MeetingStore,
    calendars: new Map(),
    sites: { get: async () => site } as unknown as SiteStore,
    holidays: calendar,
  };
}

/** The local dates (in `zone`) and local times of every slot offered to a rep working around the clock. */
async function offered(options: {
  zone: string;
  site?: HolidayCalendarRef;
  rep?: HolidayCalendarRef;
  overrides?: Record<string, Array<[string, string]>>;
}) {
  const rep = aLiveRep({
    timeZone: options.zone,
    workingHours: everyDay,
    ...(options.rep ? { holidays: options.rep } : {}),
    ...(options.overrides ? { dateOverrides: options.overrides } : {}),
  });
  const site = aSite(options.site ? { holidays: options.site } : {});
  const { starts } = await repSlots(
    slotDeps(site),
    site.siteKey,
    rep,
    { ...defaultMeetingType, minimumNoticeMinutes: 0, bookingWindowDays: 3, maxPerDay: 50, bufferAfterMinutes: 0 },
    NOW,
  );
  return Array.from(starts, (start) => DateTime.fromMillis(start, { zone: options.zone }).toFormat('yyyy-LL-dd HH:mm'));
}
const days = (slots: string[]) => [...new Set(slots.map((slot) => slot.slice(0, 10)))];

describe('public holidays in the slot engine', () => {
  it("skips the site's holiday as a whole day in the rep's own zone, not in UTC", async () => {
    const slots = await offered({ zone: 'America/Los_Angeles', site: { country: 'US' } });

    expect(days(slots)).toEqual(['2026-11-24', '2026-11-25', '2026-11-27']);
    // Wednesday 23:30 in Los Angeles is already Thanksgiving in UTC: still offered.
    expect(slots).toContain('2026-11-25 23:30');
    // The first and last half hours of the rep's Thanksgiving are not; Friday starts at midnight.
    expect(slots).not.toContain('2026-11-26 00:00');
    expect(slots).not.toContain('2026-11-26 23:30');
    expect(slots).toContain('2026-11-27 00:00');
  });

  it('offers every day without a holiday calendar', async () => {
    expect(days(await offered({ zone: 'America/Los_Angeles' }))).toContain('2026-11-26');
  });

  it("lets a rep's own calendar replace the site's: a Madrid rep of a US site works on Thanksgiving", async () => {
    const slots = await offered({
      zone: 'Europe/Madrid',
      site: { country: 'US' },
      rep: { country: 'ES', region: 'MD' },
    });
    expect(days(slots)).toContain('2026-11-26');
  });

  it('keeps hours the rep set for the holiday itself', async () => {
    const slots = await offered({
      zone: 'America/New_York',
      site: { country: 'US' },
      overrides: { '2026-11-26': [['10:00', '11:00']] },
    });
    expect(slots.filter((slot) => slot.startsWith('2026-11-26'))).toEqual(['2026-11-26 10:00', '2026-11-26 10:30']);
  });

  it("reads a region's own holidays: Madrid's Community day is off for a Madrid rep, not for one in Barcelona", async () => {
    expect([...(await calendar.dates({ country: 'ES', region: 'MD' }, [2026]))]).toContain('2026-05-02');
    expect([...(await calendar.dates({ country: 'ES', region: 'CT' }, [2026]))]).not.toContain('2026-05-02');
    expect([...(await calendar.dates({ country: 'ES' }, [2026]))]).toContain('2026-10-12');
  });

  it('knows no holidays for an unknown country', async () => {
    expect([...(await calendar.dates({ country: 'QQ' }, [2026]))]).toEqual([]);
  });
});
