import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aManualClock } from '../fixtures/live-chat.js';
import { LIVE_REPS, LIVE_SITE, seedLiveChatSite } from '../support/live-chat-harness.js';
import { createTestApp } from '../support/test-app.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

type Message = { id: string; role: string; text: string; from?: string; attachment?: { type: string } };
type View = {
  status: string;
  repName: string | null;
  turns: Array<{ seq: number; messages: Message[] }>;
  lastSeq: number;
  typing: { visitor: boolean; rep: boolean };
};

describe('live chat over the API', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let clock: ReturnType<typeof aManualClock>;
  beforeEach(async () => {
    store = await startTestStore();
    clock = aManualClock();
    t = await createTestApp(store, { clock });
    await seedLiveChatSite(t.deps);
  });
  afterEach(() => store.close());

  const as = async (repId: string, roles: Array<'rep' | 'sales'> = ['rep']) => ({
    Authorization: `Bearer ${await t.tokenFor(roles, repId, { sites: [LIVE_SITE] })}`,
  });
  const presence = async (repId: string, setting: 'available' | 'away', by = repId) =>
    t.request(`/v1/sites/${LIVE_SITE}/reps/${repId}/presence`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(await as(by)) },
      body: JSON.stringify({ setting }),
    });
  const chatAction = async (repId: string, conversationId: string, action: 'accept' | 'decline' | 'end') =>
    t.json(`/v1/sites/${LIVE_SITE}/live-chats/${conversationId}/${action}`, {}, { headers: await as(repId) });
  const inbox = async (repId: string) =>
    (await (await t.request(`/v1/sites/${LIVE_SITE}/inbox`, { headers: await as(repId) })).json()) as Record<
      'waiting' | 'offered' | 'live' | 'recent',
      Array<{ conversationId: string; firstResponseSeconds: number | null; lead: { answers: Record<string, string> } }>
    >;
  const offeredTo = async (conversationId: string) => (await t.deps.liveChats.get(LIVE_SITE, conversationId))?.repId;
  const live = async (conversationId: string, after = -1) =>
    (await (await t.visitors.request(`/v1/conversations/${conversationId}/live?after=${after}`)).json()) as View;
  const texts = (view: View) =>
    view.turns.flatMap((turn) => turn.messages.map((message) => message.text)).filter(Boolean);
  let sent = 0;
  const visitorSays = async (conversationId: string, text: string) =>
    (await (
      await t.visitors.json(`/v1/conversations/${conversationId}/messages`, {
        clientMessageId: `visitor-${++sent}`,
        text,
      })
    ).json()) as { messages: Message[] };
  const askToTalk = async () => {
    const started = (await (await t.visitors.json('/v1/conversations', { siteKey: LIVE_SITE })).json()) as {
      conversation: { id: string };
    };
    const answer = await visitorSays(started.conversation.id, 'Can I talk to someone right now?');
    return { conversationId: started.conversation.id, replies: answer.messages.map((message) => message.text) };
  };

  it('a visitor and an available rep chat live: offer, accept, messages both ways, first response time', async () => {
    expect((await presence('rep-ana', 'available')).status).toBe(200);
    const { conversationId, replies } = await askToTalk();
    expect(replies).toContain('Let me find someone who can talk with you right now…');
    expect(await offeredTo(conversationId)).toBe('rep-ana');
    expect((await inbox('rep-ana')).offered).toMatchObject([
      { conversationId, lead: { answers: { need: 'Can I talk to someone right now?' } } },
    ]);

    clock.advance(5);
    expect((await chatAction('rep-ana', conversationId, 'accept')).status).toBe(200);
    clock.advance(10);
    const reply = await t.json(
      `/v1/sites/${LIVE_SITE}/live-chats/${conversationId}/messages`,
      { clientMessageId: 'rep-msg-1', text: 'Hi, Ana here. How can I help?' },
      { headers: await as('rep-ana') },
    );
    expect(reply.status).toBe(201);
    const answer = await visitorSays(conversationId, 'Pricing for 40 seats, please');
    expect(answer.messages).toMatchObject([{ role: 'visitor', text: 'Pricing for 40 seats, please' }]);

    const view = await live(conversationId);
    expect(view).toMatchObject({ status: 'live', repName: 'Ana' });
    expect(texts(view).slice(-3)).toEqual([
      'Ana has joined the conversation.',
      'Hi, Ana here. How can I help?',
      'Pricing for 40 seats, please',
    ]);
    expect(view.turns.flatMap((turn) => turn.messages).find((message) => message.role === 'rep')).toMatchObject({
      from: 'Ana',
    });
    expect((await inbox('rep-ana')).live).toMatchObject([{ conversationId, firstResponseSeconds: 15 }]);

    // Ending it stores LiveChatEnded with the turn that tells the visitor: the SLA report and the CRM read it.
    expect((await chatAction('rep-ana', conversationId, 'end')).status).toBe(200);
    const events = (await t.deps.outbox.pending(100)).flatMap((batch) => batch.events);
    expect(events.filter((event) => event.detailType === 'LiveChatEnded').map((event) => event.detail)).toEqual([
      {
        conversationId,
        visitorId: expect.any(String),
        repId: 'rep-ana',
        requestedAt: expect.any(String),
        firstResponseSeconds: 15,
      },
    ]);
  });

  it('a rep who declines passes it to the next available rep at once', async () => {
    await presence('rep-ana', 'available');
    await presence('rep-ben', 'available');
    const { conversationId } = await askToTalk();
    const first = (await offeredTo(conversationId))!;
    expect((await chatAction(first, conversationId, 'decline')).status).toBe(200);
    const second = await offeredTo(conversationId);
    expect(second).not.toBe(first);
    expect(['rep-ana', 'rep-ben']).toContain(second);
    expect((await chatAction(first, conversationId, 'accept')).status).toBe(409);
  });

  it('an offer nobody accepts in time goes to the next rep, and with nobody left the visitor is offered times', async () => {
    await presence('rep-ana', 'available');
    await presence('rep-ben', 'available');
    const { conversationId } = await askToTalk();
    const first = (await offeredTo(conversationId))!;

    clock.advance(29);
    expect((await live(conversationId)).status).toBe('offered');
    expect(await offeredTo(conversationId)).toBe(first);
    clock.advance(1);
    expect((await live(conversationId)).status).toBe('offered');
    const second = (await offeredTo(conversationId))!;
    expect(second).not.toBe(first);
    expect((await chatAction(first, conversationId, 'accept')).status).toBe(409);

    clock.advance(30);
    const view = await live(conversationId);
    expect(view.status).toBe('unavailable');
    expect(texts(view).slice(-2)).toEqual([
      'Nobody can chat right now. Pick a time that suits you:',
      'Thanks for stopping by!',
    ]);
    expect(view.turns.flatMap((turn) => turn.messages).some((message) => message.attachment?.type === 'slots')).toBe(
      true,
    );
    // The playbook took over again: the visitor's next message goes to it, not to a rep.
    expect((await visitorSays(conversationId, 'ok')).messages.map((message) => message.text)).toEqual([
      'ok',
      'We have all we need.',
    ]);
  });

  it('with nobody available the visitor is offered open times straight away', async () => {
    await presence('rep-ana', 'away');
    const { conversationId, replies } = await askToTalk();
    expect(replies).toEqual([
      'Can I talk to someone right now?',
      'Let me find someone who can talk with you right now…',
      'Nobody can chat right now. Pick a time that suits you:',
      '',
      'Thanks for stopping by!',
    ]);
    expect((await live(conversationId)).status).toBe('unavailable');
  });

  it('capacity: with every rep at the limit the next visitor waits, and is offered to the first rep who frees up, once', async () => {
    t.deps.liveChatPolicy = { acceptWithinSeconds: 30, maxLiveChatsPerRep: 1 };
    await presence('rep-ana', 'available');
    await presence('rep-ben', 'available');
    const a = await askToTalk();
    const b = await askToTalk();
    const served = new Map([
      [a.conversationId, (await offeredTo(a.conversationId))!],
      [b.conversationId, (await offeredTo(b.conversationId))!],
    ]);
    expect(new Set(served.values())).toEqual(new Set(['rep-ana', 'rep-ben']));
    for (const [conversationId, repId] of served) await chatAction(repId, conversationId, 'accept');

    const c = await askToTalk();
    expect(c.replies.slice(-2)).toEqual([
      'Everyone is with another visitor; you are next in line. If you would rather not wait, pick a time:',
      '',
    ]);
    expect((await t.deps.liveChats.get(LIVE_SITE, c.conversationId))?.status).toBe('waiting');
    expect((await inbox('rep-ana')).waiting.map((item) => item.conversationId)).toEqual([c.conversationId]);

    // Both reps free up at the same moment: the waiting visitor is offered to exactly one of them.
    await Promise.all([...served].map(([conversationId, repId]) => chatAction(repId, conversationId, 'end')));
    const chat = await t.deps.liveChats.get(LIVE_SITE, c.conversationId);
    expect(chat?.status).toBe('offered');
    const desks = await t.deps.liveChats.listDesks(LIVE_SITE);
    expect(desks.map((desk) => desk.load).sort()).toEqual([0, 1]);
    expect(desks.find((desk) => desk.load === 1)?.repId).toBe(chat?.repId);
    expect(chat?.version).toBe(2);
  });

  it('a rep going available serves the oldest waiting visitor first', async () => {
    t.deps.liveChatPolicy = { acceptWithinSeconds: 30, maxLiveChatsPerRep: 1 };
    await presence('rep-ana', 'available');
    const first = await askToTalk();
    await chatAction('rep-ana', first.conversationId, 'accept');
    clock.advance(1);
    const older = await askToTalk();
    clock.advance(1);
    const newer = await askToTalk();
    expect((await t.deps.liveChats.listWaiting(LIVE_SITE)).map((chat) => chat.conversationId)).toEqual([
      older.conversationId,
      newer.conversationId,
    ]);
    await presence('rep-ben', 'available');
    expect(await offeredTo(older.conversationId)).toBe('rep-ben');
    expect((await t.deps.liveChats.get(LIVE_SITE, newer.conversationId))?.status).toBe('waiting');
  });

  it('resuming after turn N gives exactly the turns after it, and a resent message is stored once', async () => {
    await presence('rep-ana', 'available');
    const { conversationId } = await askToTalk();
    await chatAction('rep-ana', conversationId, 'accept');
    const seen = (await live(conversationId)).lastSeq;
    const send = () =>
      t.visitors.json(`/v1/conversations/${conversationId}/messages`, {
        clientMessageId: 'visitor-resend-1',
        text: 'Still there?',
      });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(200);
    const repSend = async () =>
      t.json(
        `/v1/sites/${LIVE_SITE}/live-chats/${conversationId}/messages`,
        { clientMessageId: 'rep-resend-1', text: 'Yes!' },
        { headers: await as('rep-ana') },
      );
    expect((await repSend()).status).toBe(201);
    expect((await repSend()).status).toBe(200);
    const missed = await live(conversationId, seen);
    expect(missed.turns.map((turn) => turn.seq)).toEqual([seen + 1, seen + 2]);
    expect(texts(missed)).toEqual(['Still there?', 'Yes!']);
    expect((await live(conversationId, missed.lastSeq)).turns).toEqual([]);
  });

  it('typing shows for a few seconds on the other side', async () => {
    await presence('rep-ana', 'available');
    const { conversationId } = await askToTalk();
    expect((await t.visitors.json(`/v1/conversations/${conversationId}/typing`, {})).status).toBe(204);
    expect((await live(conversationId)).typing).toEqual({ visitor: true, rep: false });
    clock.advance(5);
    expect((await live(conversationId)).typing).toEqual({ visitor: false, rep: false });
  });

  it('typing ends with the message it was for', async () => {
    await presence('rep-ana', 'available');
    const { conversationId } = await askToTalk();
    await chatAction('rep-ana', conversationId, 'accept');
    const typing = await t.request(`/v1/sites/${LIVE_SITE}/live-chats/${conversationId}/typing`, {
      method: 'POST',
      headers: await as('rep-ana'),
    });
    expect(typing.status).toBe(204);
    expect((await live(conversationId)).typing.rep).toBe(true);
    clock.advance(1);
    await t.json(
      `/v1/sites/${LIVE_SITE}/live-chats/${conversationId}/messages`,
      { clientMessageId: 'rep-msg-typed', text: 'Here you go.' },
      { headers: await as('rep-ana') },
    );
    expect((await live(conversationId)).typing.rep).toBe(false);
  });

  it('a rep sets only their own presence and acts only on offers to them; sales may set anyone’s', async () => {
    expect((await presence('rep-ben', 'available', 'rep-ana')).status).toBe(403);
    const bySales = await t.request(`/v1/sites/${LIVE_SITE}/reps/rep-ben/presence`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(await as('sam', ['sales'])) },
      body: JSON.stringify({ setting: 'available' }),
    });
    expect(await bySales.json()).toMatchObject({
      repId: 'rep-ben',
      presence: { available: true, reason: 'available' },
    });
    const { conversationId } = await askToTalk();
    expect(await offeredTo(conversationId)).toBe('rep-ben');
    expect((await chatAction('rep-carla', conversationId, 'accept')).status).toBe(409);
    expect((await t.request(`/v1/sites/${LIVE_SITE}/inbox`)).status).toBe(401);
    expect(LIVE_REPS).toContain('rep-carla');
  });
});
