import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repDayOf } from '../../functions/core/scheduling/find-open-slots.js';
import { defaultMeetingType } from '../../functions/core/scheduling/meeting-type.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';

type Slot = { start: string; repId: string };
const SPACING_MS = 90 * 60_000;

/**
 * A rep takes at most the meeting type's `maxPerDay` meetings on a day of their own zone. The slot list
 * leaves a full day out, but bookings of different times of one day made at once all pass that check:
 * the day's places are what holds the maximum.
 */
describe("a rep's maximum of meetings a day, with bookings made at once", () => {
  let runtime: LocalRuntime;
  let repZone: string;
  beforeAll(async () => {
    runtime = await startTestRuntime({ ...steadyEnrichment, enrichmentBudgetMs: 60_000 });
    const demo = (await runtime.deps.sites.get('demo'))!;
    await runtime.deps.sites.replace({
      ...demo,
      meetingType: { ...(demo.meetingType ?? defaultMeetingType), maxPerDay: 2 },
    });
    repZone = (await runtime.deps.reps.get('demo', 'rep-ana'))!.timeZone;
  });
  afterAll(() => runtime.close());
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));
  const { send } = visitors;

  const routedConversation = async (email: string) =>
    (await aRoutedGlobexConversation(visitors, { email })).conversationId;
  const slotsOf = async (conversationId: string) =>
    ((await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as { slots: Slot[] }).slots;
  /** Ana's open times 90 minutes apart grouped by her day; the first day with at least `count` of them. */
  const dayWith = (slots: Slot[], count: number, after?: string) => {
    const days = new Map<string, Slot[]>();
    for (const slot of slots.filter((candidate) => candidate.repId === 'rep-ana')) {
      const day = repDayOf(Date.parse(slot.start), repZone);
      const open = days.get(day) ?? [];
      // Times far enough apart that no two share a lock cell with their buffers: only the day's maximum refuses.
      if (open.length === 0 || Date.parse(slot.start) - Date.parse(open.at(-1)!.start) >= SPACING_MS)
        days.set(day, [...open, slot]);
    }
    const found = [...days].find(([day, open]) => open.length >= count && (!after || day > after));
    if (!found) throw new Error(`no day of Ana with ${count} open times`);
    return { day: found[0], slots: found[1] };
  };
  const book = (conversationId: string, start: string, email: string) =>
    send('POST', `/v1/conversations/${conversationId}/meetings`, { start, name: 'Day Cap', email, timeZone: 'UTC' });
  const meetingsOfAnaOn = async (day: string) =>
    (
      await runtime.deps.meetings.listForRep('demo', 'rep-ana', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')
    ).filter((meeting) => meeting.status === 'booked' && repDayOf(Date.parse(meeting.start), repZone) === day);

  it('books exactly the maximum of five times of one day booked at once; a cancel frees a place of that day', async () => {
    const emails = ['cap1@globex.com', 'cap2@globex.com', 'cap3@globex.com', 'cap4@globex.com', 'cap5@globex.com'];
    const conversations = await Promise.all(emails.map((email) => routedConversation(email)));
    const { day, slots } = dayWith(await slotsOf(conversations[0]!), 5);

    const results = await Promise.all(conversations.map((id, i) => book(id, slots[i]!.start, emails[i]!)));

    expect(results.map((result) => result.status).sort()).toEqual([201, 201, 409, 409, 409]);
    const booked = results.filter((result) => result.status === 201);
    const bookedDays = booked.map((result) => repDayOf(Date.parse(result.body.meeting.start), repZone));
    expect(bookedDays).toEqual([day, day]);
    // A refused visitor is offered no time of the full day.
    for (const refused of results.filter((result) => result.status === 409))
      expect(
        refused.body.slots.filter(
          (slot: Slot) => slot.repId === 'rep-ana' && repDayOf(Date.parse(slot.start), repZone) === day,
        ),
      ).toEqual([]);

    const first = booked[0]!.body;
    const token = new URL(first.manageUrl as string).searchParams.get('token')!;
    expect((await send('POST', `/v1/meetings/${first.meeting.meetingId}/cancel`, { token })).status).toBe(200);
    const waiting = conversations[results.findIndex((result) => result.status === 409)]!;
    const free = slots.find((slot) => !booked.some((result) => result.body.meeting.start === slot.start))!;
    const again = await book(waiting, free.start, emails[results.findIndex((result) => result.status === 409)]!);

    expect(again.status).toBe(201);
  }, 120_000);

  it('moves a meeting within its full day (it keeps its place) and refuses moving another into the full day', async () => {
    const conversations = await Promise.all(
      ['move1@globex.com', 'move2@globex.com', 'move3@globex.com'].map((email) => routedConversation(email)),
    );
    const slots = await slotsOf(conversations[0]!);
    const full = dayWith(slots, 3);
    const other = dayWith(slots, 1, full.day);
    const a = await book(conversations[0]!, full.slots[0]!.start, 'move1@globex.com');
    const b = await book(conversations[1]!, full.slots[1]!.start, 'move2@globex.com');
    const c = await book(conversations[2]!, other.slots[0]!.start, 'move3@globex.com');
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    const manage = (result: typeof a) => ({
      id: result.body.meeting.meetingId as string,
      token: new URL(result.body.manageUrl as string).searchParams.get('token')!,
    });

    const within = await send('POST', `/v1/meetings/${manage(a).id}/reschedule`, {
      token: manage(a).token,
      start: full.slots[2]!.start,
    });
    const into = await send('POST', `/v1/meetings/${manage(c).id}/reschedule`, {
      token: manage(c).token,
      start: full.slots[0]!.start,
    });

    expect(within.status).toBe(200);
    expect(into.status).toBe(409);
    expect((await meetingsOfAnaOn(full.day)).map((meeting) => meeting.start).sort()).toEqual(
      [full.slots[1]!.start, full.slots[2]!.start].sort(),
    );
  }, 120_000);
});
