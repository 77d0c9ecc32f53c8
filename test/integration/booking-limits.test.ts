import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { limitsNoTestReaches } from '../fixtures/limits.js';
import { startTestRuntime } from '../support/test-runtime.js';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import { readMailFolder } from '../support/mail.js';

/** Bookings are capped per email and per client address per UTC day; every visitor here calls from loopback. */
describe('bookings per email and per address per UTC day', () => {
  let runtime: LocalRuntime;
  let now = new Date('2026-11-26T20:00:00.000Z');
  beforeAll(async () => {
    runtime = await startTestRuntime({
      clock: () => now,
      enrichmentBudgetMs: 60_000,
      limits: { ...limitsNoTestReaches, bookingsPerEmailPerDay: 2, bookingsPerIpPerDay: 3, turnsPerConversation: 3 },
    });
  });
  afterAll(() => runtime.close());
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await visitors.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as any,
    };
  };
  /** A conversation of its own for each booking (one meeting each). */
  const routedConversation = async () => (await aRoutedGlobexConversation(visitors)).conversationId;
  const book = async (conversationId: string, email: string, start?: string) => {
    const listing = await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`);
    return send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: start ?? listing.body.slots[0].start,
      name: 'V',
      email,
      timeZone: 'UTC',
    });
  };

  it('books up to the caps, refuses the next with 429 until midnight UTC, counts only meetings booked', async () => {
    expect((await book(await routedConversation(), 'pat@globex.com')).status).toBe(201);
    // A booking that fails (a time that is not open) is given back: only booked meetings count.
    expect((await book(await routedConversation(), 'pat@globex.com', '2026-11-26T20:00:00.000Z')).status).toBe(409);
    expect((await book(await routedConversation(), 'Pat@Globex.com')).status).toBe(201);

    const third = await book(await routedConversation(), 'pat@globex.com');
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ status: 429, title: 'Too many bookings' });
    expect(third.retryAfter).toBe(String(4 * 3600));

    // The refused booking took nothing from the address: its third meeting books with another email.
    expect((await book(await routedConversation(), 'sam@globex.com')).status).toBe(201);
    const fourth = await book(await routedConversation(), 'kim@globex.com');
    expect(fourth.status).toBe(429);

    now = new Date('2026-11-26T23:59:59.999Z');
    const lastMoment = await book(await routedConversation(), 'kim@globex.com');
    expect([lastMoment.status, lastMoment.retryAfter]).toEqual([429, '1']);
    now = new Date('2026-11-27T00:00:00.000Z');
    expect((await book(await routedConversation(), 'pat@globex.com')).status).toBe(201);
  }, 120_000);

  it('caps the turns of one conversation, and still answers a retried send', async () => {
    const visitor = await send('POST', '/v1/conversations', { siteKey: 'demo' });
    const id = visitor.body.conversation.id as string;
    const say = (clientMessageId: string) =>
      send('POST', `/v1/conversations/${id}/messages`, { clientMessageId, text: 'Hello there' });
    const taken = [await say('turn-0001'), await say('turn-0002'), await say('turn-0003')];

    const refused = await say('turn-0004');

    expect(taken.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ title: 'Conversation full' });
    expect((await say('turn-0003')).status).toBe(200);
  });

  it('answers a filled honeypot like a booking, and books, stores, counts and mails nothing', async () => {
    now = new Date('2026-11-27T09:00:00.000Z');
    const conversationId = await routedConversation();
    const listing = await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`);
    const start = listing.body.slots[0].start as string;
    const post = (body: Record<string, string>) =>
      send('POST', `/v1/conversations/${conversationId}/meetings`, { start, name: 'Bot', timeZone: 'UTC', ...body });

    const decoy = await post({ email: 'bot@spam.test', website: 'https://spam.test' });

    expect(decoy.status).toBe(201);
    expect(decoy.body.meeting).toMatchObject({ start, status: 'booked', repName: 'Ana Souza' });
    expect(decoy.body.manageUrl).toMatch(/\/manage\/[0-9A-Z]{26}\?token=/);
    // Its link opens nothing: no meeting holds that id and token.
    const url = new URL(decoy.body.manageUrl);
    expect((await send('GET', `/v1/meetings/${url.pathname.split('/').at(-1)}?${url.search.slice(1)}`)).status).toBe(
      403,
    );
    // Nothing claimed or locked: the same conversation books the same time for real.
    expect((await post({ email: 'person@globex.com' })).status).toBe(201);
    await runtime.flushEvents();
    const mailed = (await readMailFolder(runtime.mailDir)).flatMap((mail) =>
      [mail.to].flat().flatMap((to) => to?.value.map((address) => address.address) ?? []),
    );
    expect(mailed).toContain('person@globex.com');
    expect(mailed).not.toContain('bot@spam.test');
  }, 60_000);
});
