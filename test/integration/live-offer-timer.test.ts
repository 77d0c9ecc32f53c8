import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aVisitorJar } from '../support/visitor-client.js';
import { messagesOfTurns } from '../../functions/core/conversation/conversation.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { aManualClock } from '../fixtures/live-chat.js';
import { LIVE_SITE, seedLiveChatSite } from '../support/live-chat-harness.js';
import { startTestRuntime } from '../support/test-runtime.js';

/** Offers run out on the persisted timers alone: nothing in these tests reads the chat between steps. */
describe('a live-chat offer running out, by timer', () => {
  let runtime: LocalRuntime;
  let clock: ReturnType<typeof aManualClock>;
  beforeEach(async () => {
    clock = aManualClock();
    // The scheduler and relay run only when the test asks, on the clock the test moves.
    runtime = await startTestRuntime({
      clock,
      relayIntervalMs: 3_600_000,
      timerIntervalMs: 3_600_000,
    });
    await seedLiveChatSite(runtime.deps);
  });
  afterEach(() => runtime?.close());

  const headers = async (repId: string) => ({
    'Content-Type': 'application/json',
    Authorization: `Bearer ${await runtime.issueToken({ userId: repId, roles: ['rep'], sites: [LIVE_SITE], repId })}`,
  });
  const available = async (repId: string) =>
    fetch(`${runtime.url}/v1/sites/${LIVE_SITE}/reps/${repId}/presence`, {
      method: 'PUT',
      headers: await headers(repId),
      body: JSON.stringify({ setting: 'available' }),
    });
  const askToTalk = async () => {
    const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));
    const post = visitors.json;
    const started = (await (await post('/v1/conversations', { siteKey: LIVE_SITE })).json()) as {
      conversation: { id: string };
    };
    const id = started.conversation.id;
    await post(`/v1/conversations/${id}/messages`, { clientMessageId: 'visitor-1', text: 'Can I talk to someone?' });
    return id;
  };
  const chat = async (id: string) => (await runtime.deps.liveChats.get(LIVE_SITE, id))!;
  const visitorTexts = async (id: string) =>
    messagesOfTurns((await runtime.deps.conversations.loadAll(id))!.turns).map((message) => message.text);

  it('passes an offer to the next rep at its end, not a second before, and offers times once nobody is left', async () => {
    expect((await available('rep-ana')).status).toBe(200);
    expect((await available('rep-ben')).status).toBe(200);
    const id = await askToTalk();
    const first = (await chat(id)).repId!;
    expect((await chat(id)).status).toBe('offered');

    clock.advance(29);
    await runtime.runDueTimers();
    expect(await chat(id)).toMatchObject({ status: 'offered', repId: first });

    clock.advance(1);
    await runtime.runDueTimers();
    const second = await chat(id);
    expect(second.status).toBe('offered');
    expect(second.passed).toEqual([first]);
    expect(['rep-ana', 'rep-ben'].filter((repId) => repId !== first)).toEqual([second.repId]);

    clock.advance(30);
    await runtime.runDueTimers();
    expect((await chat(id)).status).toBe('unavailable');
    expect(await visitorTexts(id)).toContain('Nobody can chat right now. Pick a time that suits you:');
    // Both reps' places were given back.
    const desks = await runtime.deps.liveChats.listDesks(LIVE_SITE);
    expect(desks.filter((desk) => desk.load !== 0)).toEqual([]);
  });

  it('leaves an offer the rep accepted in time alone when its timer fires', async () => {
    await available('rep-ana');
    const id = await askToTalk();
    clock.advance(10);
    const accepted = await fetch(`${runtime.url}/v1/sites/${LIVE_SITE}/live-chats/${id}/accept`, {
      method: 'POST',
      headers: await headers('rep-ana'),
    });
    expect(accepted.status).toBe(200);
    const before = await chat(id);

    clock.advance(60);
    await runtime.runDueTimers();
    expect(await chat(id)).toEqual(before);
    expect(before).toMatchObject({ status: 'live', repId: 'rep-ana' });
  });
});
