import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import type { AddressObject, ParsedMail } from 'mailparser';
import { calendarOf, readMailFolder } from '../support/mail.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedTimeOf } from '../../functions/core/scheduling/meeting.js';
import { defaultMeetingType } from '../../functions/core/scheduling/meeting-type.js';
import { startTestRuntime } from '../support/test-runtime.js';

type Slots = {
  slots: Array<{ start: string; end: string; repId: string; localStart: string }>;
  reps: Array<{ repId: string; name: string }>;
};

describe('booking a meeting with the routed rep', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      mailDir: await mkdtemp(join(tmpdir(), 'baton-booking-mail-')),
      // The account-list match must not race a real 300 ms budget on a loaded machine (a CI run routed
      // Dana past Globex's owner when the lookup came late); the budget has its own test with a manual delay.
      enrichmentBudgetMs: 60_000,
    });
  });
  afterAll(() => runtime.close());
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const { send } = visitors;
  /** Routed to Ana, who works in New York. */
  const routedConversation = async (email: string) =>
    (await aRoutedGlobexConversation(visitors, { email })).conversationId;

  it('lists open times in the visitor time zone, books one, mails an invitation that parses back, and manages it by link', async () => {
    const conversationId = await routedConversation('dana@globex.com');
    const listing = await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=Asia/Kolkata`);
    expect(listing.status, JSON.stringify(listing.body)).toBe(200);
    const listed = listing.body as Slots;
    expect(listed.reps).toMatchObject([{ repId: 'rep-ana', name: 'Ana Souza' }]);
    expect(listed.slots.length).toBeGreaterThan(5);
    expect(listed.slots[0]!.localStart).toMatch(/\+05:30$/);
    const [first, second] = listed.slots;

    const booked = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: first!.start,
      name: 'Dana Scully',
      email: 'dana@globex.com',
      timeZone: 'Asia/Kolkata',
    });
    expect(booked.status).toBe(201);
    expect(booked.body.meeting).toMatchObject({
      repName: 'Ana Souza',
      start: first!.start,
      status: 'booked',
      timeZone: 'Asia/Kolkata',
    });
    const manage = new URL(booked.body.manageUrl as string);
    const meetingId = manage.pathname.split('/').pop()!;
    const token = manage.searchParams.get('token')!;

    const to = (mail: ParsedMail, address: string) =>
      ([] as AddressObject[]).concat(mail.to ?? []).some((field) => field.value.some((a) => a.address === address));
    const visitorMails = async () => (await readMailFolder(runtime.mailDir)).filter((m) => to(m, 'dana@globex.com'));
    // The rep's invitations (the rep may also get other notices, such as a new lead).
    const repMails = async () =>
      (await readMailFolder(runtime.mailDir)).filter(
        (m) =>
          to(m, 'ana@acme-analytics.example') && m.attachments.some((a) => a.contentType.startsWith('text/calendar')),
      );
    // Mail is queued with the booking and sent by the mail consumer.
    await runtime.flushEvents();
    const [invite] = await visitorMails();
    const [repInvite] = await repMails();
    const request = calendarOf(invite!);
    expect(request.method).toBe('REQUEST');
    expect(request.event.uid).toBe(`${meetingId}@baton`);
    expect(request.event.start.toISOString()).toBe(first!.start);
    expect(request.event.end?.toISOString()).toBe(first!.end);
    expect(String((request.event.organizer as { val: string }).val).toLowerCase()).toBe(
      'mailto:ana@acme-analytics.example',
    );
    const attendees = ([] as Array<{ val: string }>)
      .concat(request.event.attendee as never)
      .map((a) => a.val.toLowerCase());
    expect(attendees).toContain('mailto:dana@globex.com');
    expect(invite!.text).toContain(booked.body.manageUrl);
    expect(invite!.html).toContain(booked.body.manageUrl.replaceAll('&', '&amp;'));
    expect(String(request.event.description)).toContain(booked.body.manageUrl);
    // The rep's own invitation: the same event, the lead's context, and nothing that acts for the visitor.
    const repRequest = calendarOf(repInvite!);
    expect(repRequest.event.uid).toBe(`${meetingId}@baton`);
    expect(repInvite!.subject).toBe('New meeting: Dana Scully, globex.com');
    expect(repInvite!.text).toContain('Lead: Dana Scully <dana@globex.com>');
    for (const part of [repInvite!.text, repInvite!.html, String(repRequest.event.description)]) {
      expect(part).not.toContain(token);
      expect(part).not.toContain('/manage/');
    }

    // The booked time is no longer offered.
    const after = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as Slots;
    expect(after.slots.map((slot) => slot.start)).not.toContain(first!.start);

    const moved = await send('POST', `/v1/meetings/${meetingId}/reschedule`, { token, start: second!.start });
    expect(moved.status).toBe(200);
    expect(moved.body.meeting).toMatchObject({ start: second!.start, repId: 'rep-ana' });
    const canceled = await send('POST', `/v1/meetings/${meetingId}/cancel`, { token, reason: 'conflict' });
    expect(canceled.body.meeting.status).toBe('canceled');
    await runtime.flushEvents();

    const mails = await visitorMails();
    const updated = mails.find((mail) => mail.subject?.startsWith('Updated:'))!;
    const canceledMail = mails.find((mail) => mail.subject?.startsWith('Canceled:'))!;
    const update = calendarOf(updated);
    const cancel = calendarOf(canceledMail);
    // Every mail to the visitor carries their manage link; none to the rep does.
    for (const mail of [updated, canceledMail]) expect(mail.text).toContain(`/manage/${meetingId}?token=${token}`);
    // The demo site's colour (#0b6e4f), not the default blue, heads every mail and fills the visitor's button.
    for (const mail of [invite!, repInvite!, updated, canceledMail]) {
      expect(mail.html).toContain('<td style="background:#0b6e4f;color:#fff;');
      expect(mail.html).not.toContain('#2f5bea');
    }
    expect(invite!.html).toMatch(/<a href="[^"]+\/manage\/[^"]+" style="background:#0b6e4f;/);
    expect(await repMails()).toHaveLength(3);
    for (const mail of await repMails()) expect(mail.text).not.toContain(token);
    expect(update).toMatchObject({ method: 'REQUEST', event: { uid: `${meetingId}@baton` } });
    expect(update.event.start.toISOString()).toBe(second!.start);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.event.uid).toBe(`${meetingId}@baton`);
    expect(Number(cancel.event.sequence)).toBeGreaterThan(Number(update.event.sequence));
    expect(Number(update.event.sequence)).toBeGreaterThan(Number(request.event.sequence ?? 0));

    // Canceled: the time is free again, and the link no longer works.
    const freed = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as Slots;
    expect(freed.slots.map((slot) => slot.start)).toContain(second!.start);
    expect((await send('POST', `/v1/meetings/${meetingId}/cancel`, { token })).status).toBe(409);
  });

  it('refuses a wrong token and an expired link', async () => {
    const conversationId = await routedConversation('fox@globex.com');
    const { slots } = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as Slots;
    const booked = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: slots[0]!.start,
      name: 'Fox',
      email: 'fox@globex.com',
      timeZone: 'UTC',
    });
    const meetingId = new URL(booked.body.manageUrl as string).pathname.split('/').pop()!;

    const wrong = await send('POST', `/v1/meetings/${meetingId}/cancel`, { token: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);

    const meeting = (await runtime.deps.meetings.get(meetingId))!;
    await runtime.deps.meetings.update({
      ...meeting,
      sequence: meeting.sequence + 1,
      manageTokenExpiresAt: '2020-01-01T00:00:00.000Z',
    });
    const token = new URL(booked.body.manageUrl as string).searchParams.get('token')!;
    const expired = await send('POST', `/v1/meetings/${meetingId}/reschedule`, { token, start: slots[1]!.start });
    expect(expired.status).toBe(403);
    expect(expired.body.title).toBe('Link expired');
  });

  it('lets exactly one of 50 parallel bookings of one slot succeed; the others get 409 with fresh slots', async () => {
    const conversationId = await routedConversation('mulder@globex.com');
    const { slots } = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as Slots;
    const target = slots[3]!.start;

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send('POST', `/v1/conversations/${conversationId}/meetings`, {
          start: target,
          name: `Visitor ${i}`,
          email: `v${i}@globex.com`,
          timeZone: 'UTC',
        }),
      ),
    );

    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    const refused = results.filter((result) => result.status === 409);
    expect(refused).toHaveLength(49);
    // Each was refused either by the slot's lock (with fresh slots) or by the conversation's one meeting.
    for (const { body } of refused)
      if (body.title !== 'Already booked')
        expect(body.slots.map((slot: { start: string }) => slot.start)).not.toContain(target);
  }, 60_000);

  it('leaves a time out of the fresh slots of a 409 once its locks are taken, before the winner has written its meeting', async () => {
    const conversationId = await routedConversation('reyes@globex.com');
    const { slots } = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as Slots;
    const [target, far] = [slots[2]!, slots.at(-1)!];
    const meetingType = (await runtime.deps.sites.get('demo'))?.meetingType ?? defaultMeetingType;
    // Another booking has won the time: its locks are taken, its meeting not yet written, so no index shows it.
    const { cells, lockExpiresAt } = blockedTimeOf(target, meetingType);
    expect(await runtime.deps.meetings.acquireLocks('demo', target.repId, cells, 'in-flight', lockExpiresAt)).toBe(
      true,
    );

    const refused = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: target.start,
      name: 'Monica Reyes',
      email: 'reyes@globex.com',
      timeZone: 'UTC',
    });

    expect(refused.status).toBe(409);
    const offered = refused.body.slots.map((slot: { start: string }) => slot.start);
    expect(offered).not.toContain(target.start);
    expect(offered).toContain(far.start);
    await runtime.deps.meetings.releaseLocks('demo', target.repId, cells, 'in-flight');
  });

  it('books at most one active meeting per conversation: a second gets 409 naming the first, until it is canceled', async () => {
    const conversationId = await routedConversation('scully@globex.com');
    const { slots } = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as Slots;
    const book = (start: string) =>
      send('POST', `/v1/conversations/${conversationId}/meetings`, {
        start,
        name: 'Dana Scully',
        email: 'scully@globex.com',
        timeZone: 'UTC',
      });

    const first = await book(slots[0]!.start);
    const second = await book(slots.at(-1)!.start);
    const meetingId = first.body.meeting.meetingId as string;
    const token = new URL(first.body.manageUrl as string).searchParams.get('token')!;
    await send('POST', `/v1/meetings/${meetingId}/cancel`, { token });
    const afterCancel = await book(slots.at(-1)!.start);

    expect([first.status, second.status, afterCancel.status]).toEqual([201, 409, 201]);
    expect(second.body.detail).toContain(meetingId);
  }, 60_000);

  it('books a canceled meeting again by its manage link, unless its conversation holds another active meeting', async () => {
    const conversationId = await routedConversation('reyes@globex.com');
    const { slots } = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body as Slots;
    const first = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: slots[0]!.start,
      name: 'Monica Reyes',
      email: 'reyes@globex.com',
      timeZone: 'UTC',
    });
    const meetingId = first.body.meeting.meetingId as string;
    const token = new URL(first.body.manageUrl as string).searchParams.get('token')!;
    const moveTargets = async () =>
      (await send('GET', `/v1/meetings/${meetingId}/slots?token=${token}&timeZone=UTC`)).body.slots.map(
        (slot: { start: string }) => slot.start,
      );
    // The meeting's own time is not offered as a move.
    expect(await moveTargets()).not.toContain(slots[0]!.start);
    await send('POST', `/v1/meetings/${meetingId}/cancel`, { token, reason: 'travel' });
    const read = await send('GET', `/v1/meetings/${meetingId}?token=${token}`);
    expect(read.body).toMatchObject({ status: 'canceled' });
    expect(await moveTargets()).toContain(slots[0]!.start);

    const again = await send('POST', `/v1/meetings/${meetingId}/reschedule`, { token, start: slots[1]!.start });
    expect(again.status).toBe(200);
    expect(await runtime.deps.meetings.get(meetingId)).toMatchObject({
      status: 'booked',
      canceledReason: null,
      start: slots[1]!.start,
    });
    // The conversation is held again: a second booking from it is refused.
    const second = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: slots.at(-1)!.start,
      name: 'Monica Reyes',
      email: 'reyes@globex.com',
      timeZone: 'UTC',
    });
    expect(second.status).toBe(409);

    // Canceled again, then the chat books a new meeting: the old link can no longer book a second one.
    await send('POST', `/v1/meetings/${meetingId}/cancel`, { token });
    const other = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: slots.at(-1)!.start,
      name: 'Monica Reyes',
      email: 'reyes@globex.com',
      timeZone: 'UTC',
    });
    expect(other.status).toBe(201);
    const refused = await send('POST', `/v1/meetings/${meetingId}/reschedule`, { token, start: slots[2]!.start });
    expect(refused.status).toBe(409);
    expect((await runtime.deps.meetings.get(meetingId))!.status).toBe('canceled');
  }, 60_000);

  it('refuses bad booking input without storing a meeting', async () => {
    const conversationId = await routedConversation('skinner@globex.com');
    const cases = [
      { start: 'tomorrow', name: 'A', email: 'a@globex.com', timeZone: 'UTC' },
      { start: '2026-12-01T15:00:00Z', name: 'A', email: 'not-mail', timeZone: 'UTC' },
      { start: '2026-12-01T15:00:00Z', name: 'A', email: 'a@globex.com', timeZone: 'Mars/Base' },
    ];
    for (const body of cases)
      expect((await send('POST', `/v1/conversations/${conversationId}/meetings`, body)).status).toBe(400);
    const notOffered = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: '2020-01-01T03:00:00Z',
      name: 'A',
      email: 'a@globex.com',
      timeZone: 'UTC',
    });
    expect(notOffered.status).toBe(409);
  });
});

describe('rescheduling when the rep has no open time left', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      mailDir: await mkdtemp(join(tmpdir(), 'baton-resched-mail-')),
    });
  });
  afterAll(() => runtime.close());
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  it('moves the meeting to another rep of the pool, and lists pool slots for the team', async () => {
    const { send } = visitors;
    // An MQL without a named account goes to the inbound pool.
    const visitor = await send('POST', '/v1/visitor-events', {
      siteKey: 'demo',
      event: { type: 'identify', answers: { jobLevel: 'c-level', companySize: 300 } },
    });
    await send('POST', '/v1/visitor-events', {
      siteKey: 'demo',
      visitorId: visitor.body.visitorId,
      event: { type: 'content', behaviour: 'whitepaper' },
    });
    await send('POST', '/v1/visitor-events', {
      siteKey: 'demo',
      visitorId: visitor.body.visitorId,
      event: { type: 'page_view', url: 'http://demo.test/pricing' },
    });
    const { body } = await send('POST', '/v1/conversations', { siteKey: 'demo', visitorId: visitor.body.visitorId });
    const id = body.conversation.id;
    await send('POST', `/v1/conversations/${id}/messages`, { clientMessageId: 'need-0002', text: 'Pricing' });
    await send('POST', `/v1/conversations/${id}/messages`, { clientMessageId: 'mail-0002', text: 'cto@startup.io' });
    const { slots } = (await send('GET', `/v1/conversations/${id}/slots?timeZone=UTC`)).body as Slots;
    const booked = await send('POST', `/v1/conversations/${id}/meetings`, {
      start: slots[0]!.start,
      name: 'C',
      email: 'cto@startup.io',
      timeZone: 'UTC',
    });
    expect(booked.status).toBe(201);
    const firstRep = booked.body.meeting.repId as string;

    // That rep goes away for the whole window.
    const rep = (await runtime.deps.reps.get('demo', firstRep))!;
    await runtime.deps.reps.put('demo', {
      ...rep,
      outOfOffice: [{ start: '2020-01-01T00:00:00Z', end: '2099-01-01T00:00:00Z' }],
    });
    const token = await runtime.issueToken({ userId: 'sam', roles: ['sales'], sites: ['demo'] });
    const pool = (
      await send('GET', '/v1/sites/demo/pools/inbound/slots?timeZone=UTC', undefined, {
        Authorization: `Bearer ${token}`,
      })
    ).body as Slots;
    expect(pool.slots.some((slot) => slot.repId === firstRep)).toBe(false);
    const target = pool.slots[0]!;

    const manage = new URL(booked.body.manageUrl as string);
    const moved = await send('POST', `${manage.pathname.replace('/manage/', '/v1/meetings/')}/reschedule`, {
      token: manage.searchParams.get('token'),
      start: target.start,
    });

    expect(moved.status).toBe(200);
    expect(moved.body.meeting.repId).toBe(target.repId);
    expect(moved.body.meeting.repId).not.toBe(firstRep);

    // Canceling gives the rep who holds it their round-robin turn back.
    const canceled = await send('POST', `${manage.pathname.replace('/manage/', '/v1/meetings/')}/cancel`, {
      token: manage.searchParams.get('token'),
    });
    expect(canceled.status).toBe(200);
    expect(await runtime.deps.routingState.credits('demo', 'inbound')).toEqual(new Map([[target.repId, 1]]));
  });
});
