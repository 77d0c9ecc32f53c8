import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressObject, ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { readMailFolder } from '../support/mail.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('meeting reminders 24 h and 1 h before, on the persisted timers', () => {
  let runtime: LocalRuntime;
  // The runtime's clock: the test moves it, the scheduler fires what is due by it.
  let now = new Date('2026-11-30T08:00:00Z');
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      clock: () => new Date(now),
      // The test fires due timers itself, when it has moved the clock.
      timerIntervalMs: 3_600_000,
      mailDir: await mkdtemp(join(tmpdir(), 'baton-reminder-mail-')),
    });
  });
  afterAll(() => runtime.close());

  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const { send } = visitors;
  /** A Globex VP books a time at least two days ahead with Ana; the meeting and its manage token. */
  const book = async (tag: string, language = 'en') => {
    const { conversationId: id } = await aRoutedGlobexConversation(visitors, {
      email: `${tag}@globex.com`,
      need: 'Demo',
      tag,
      language,
    });
    const listing = await send('GET', `/v1/conversations/${id}/slots?timeZone=Europe/Madrid`);
    expect(listing.status, JSON.stringify(listing.body)).toBe(200);
    const later = (listing.body.slots as Array<{ start: string }>).filter(
      (slot) => Date.parse(slot.start) > now.getTime() + 48 * HOUR,
    );
    const booked = await send('POST', `/v1/conversations/${id}/meetings`, {
      start: later[0]!.start,
      name: 'Fox Mulder',
      email: `${tag}@globex.com`,
      timeZone: 'Europe/Madrid',
    });
    expect(booked.status).toBe(201);
    const url = new URL(booked.body.manageUrl as string);
    return { meetingId: url.pathname.split('/').pop()!, token: url.searchParams.get('token')!, later };
  };
  const to = (mail: ParsedMail, address: string) =>
    ([] as AddressObject[]).concat(mail.to ?? []).some((field) => field.value.some((a) => a.address === address));
  const remindersTo = async (address: string) => {
    await runtime.flushEvents();
    return (await readMailFolder(runtime.mailDir)).filter(
      (mail) => to(mail, address) && /^(Tomorrow|In one hour|Mañana|En una hora):/.test(mail.subject ?? ''),
    );
  };
  /** Moves the clock and fires whatever is due by then (other timers, such as SLA deadlines, included). */
  const fireAt = async (instant: number) => {
    now = new Date(instant);
    await runtime.runDueTimers();
  };

  it('mails the visitor 24 h and 1 h before with a manage link that works, and the rep without one', async () => {
    const { meetingId, token } = await book('mulder');
    const start = Date.parse((await runtime.deps.meetings.get(meetingId))!.start);

    // A minute before the 24 h mark nothing is due; at the mark the reminder goes out.
    await fireAt(start - 24 * HOUR - MINUTE);
    expect(await remindersTo('mulder@globex.com')).toHaveLength(0);
    await fireAt(start - 24 * HOUR);
    const [tomorrow] = await remindersTo('mulder@globex.com');
    expect(tomorrow!.subject).toBe('Tomorrow: your meeting with Ana Souza, Acme Analytics');
    expect(tomorrow!.text).toContain('A reminder: you meet Ana Souza of Acme Analytics tomorrow.');
    expect(tomorrow!.text).toContain('(Europe/Madrid)');
    expect(tomorrow!.html).toContain('Reschedule or cancel');
    // In the site's colour, like the invitation.
    expect(tomorrow!.html).toContain('<td style="background:#0b6e4f;color:#fff;');
    // Nothing for the calendar to act on: the event is unchanged.
    expect(tomorrow!.attachments.filter((part) => part.contentType.startsWith('text/calendar'))).toEqual([]);

    // The link in the text part and the button in the HTML part are the same fresh link; it and the invitation's both work.
    const link = /Reschedule or cancel: (\S+)/.exec(tomorrow!.text!)![1]!;
    expect(tomorrow!.html).toContain(`href="${link.replace('&', '&amp;')}"`);
    const fresh = new URL(link).searchParams.get('token')!;
    expect(fresh).not.toBe(token);
    for (const key of [fresh, token])
      expect((await send('GET', `/v1/meetings/${meetingId}?token=${key}`)).body).toMatchObject({ status: 'booked' });
    const stored = (await runtime.deps.meetings.get(meetingId))!;
    expect(JSON.stringify(stored)).not.toContain(fresh);

    const repReminders = (await readMailFolder(runtime.mailDir)).filter(
      (mail) => to(mail, 'ana@acme-analytics.example') && mail.subject === 'Tomorrow: meeting with Fox Mulder',
    );
    expect(repReminders).toHaveLength(1);
    expect(repReminders[0]!.text).not.toContain('/manage/');

    await fireAt(start - HOUR);
    const all = await remindersTo('mulder@globex.com');
    expect(all.map((mail) => mail.subject)).toEqual([
      'Tomorrow: your meeting with Ana Souza, Acme Analytics',
      'In one hour: your meeting with Ana Souza, Acme Analytics',
    ]);
    // Each fired once.
    await fireAt(start);
    expect(await remindersTo('mulder@globex.com')).toHaveLength(2);
  }, 60_000);

  it('moves the reminders with a rescheduled meeting, and sends none for a canceled one', async () => {
    const { meetingId, token, later } = await book('scully');
    const first = Date.parse(later[0]!.start);
    const moved = later.find((slot) => Date.parse(slot.start) >= first + 24 * HOUR)!;
    expect((await send('POST', `/v1/meetings/${meetingId}/reschedule`, { token, start: moved.start })).status).toBe(
      200,
    );

    // The old time's reminder is gone; the new time's fires.
    await fireAt(first - HOUR);
    expect(await remindersTo('scully@globex.com')).toHaveLength(0);
    await fireAt(Date.parse(moved.start) - 24 * HOUR);
    expect((await remindersTo('scully@globex.com')).map((mail) => mail.subject)).toEqual([
      'Tomorrow: your meeting with Ana Souza, Acme Analytics',
    ]);

    expect((await send('POST', `/v1/meetings/${meetingId}/cancel`, { token })).status).toBe(200);
    await fireAt(Date.parse(moved.start) - HOUR);
    expect(await remindersTo('scully@globex.com')).toHaveLength(1);
  }, 60_000);

  it('reminds in the visitor language', async () => {
    const { meetingId } = await book('reyes', 'es');
    const start = Date.parse((await runtime.deps.meetings.get(meetingId))!.start);
    await fireAt(start - HOUR);
    const reminders = await remindersTo('reyes@globex.com');
    expect(reminders.map((mail) => mail.subject)).toContain('En una hora: tu reunión con Ana Souza, Acme Analytics');
    expect(reminders.at(-1)!.text).toContain('Cambiar o cancelar: http');
  }, 60_000);
});
