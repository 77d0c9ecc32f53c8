import { aVisitorJar } from '../support/visitor-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { aManualClock } from '../fixtures/live-chat.js';
import { LIVE_SITE, seedLiveChatSite } from '../support/live-chat-harness.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

type Pushed = { type: string; turns?: Array<{ seq: number; messages: Array<{ text: string }> }> };

/** A live connection that keeps every message it receives. */
async function connect(url: string) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/live`);
  const received: Pushed[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as Pushed));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  const subscribed = async (message: unknown) => {
    const before = received.filter((m) => m.type === 'subscribed').length;
    send(message);
    await expect.poll(() => received.filter((m) => m.type === 'subscribed').length).toBe(before + 1);
  };
  const texts = () =>
    received.flatMap((m) => m.turns ?? []).flatMap((turn) => turn.messages.map((message) => message.text));
  const seqs = () => received.flatMap((m) => m.turns ?? []).map((turn) => turn.seq);
  return { socket, received, send, subscribed, texts, seqs };
}

describe('the local WebSocket endpoint', () => {
  let runtime: LocalRuntime;
  const clock = aManualClock();
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      clock,
      relayIntervalMs: 60_000,
    });
    await seedLiveChatSite(runtime.deps);
  });
  afterAll(() => runtime?.close());

  const rep = async (repId: string) => ({
    'Content-Type': 'application/json',
    Authorization: `Bearer ${await runtime.issueToken({ userId: repId, roles: ['rep'], sites: [LIVE_SITE], repId })}`,
  });
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));
  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = { 'Content-Type': 'application/json' },
  ) => visitors.request(path, { method: 'POST', headers, body: JSON.stringify(body) });

  it('pushes offers to the rep’s inbox and messages to the visitor, and a dropped connection resumes without loss or duplicates', async () => {
    const ana = await connect(runtime.url);
    await ana.subscribed({
      type: 'subscribe-inbox',
      siteKey: LIVE_SITE,
      token: (await rep('rep-ana')).Authorization.slice('Bearer '.length),
    });
    await fetch(`${runtime.url}/v1/sites/${LIVE_SITE}/reps/rep-ana/presence`, {
      method: 'PUT',
      headers: await rep('rep-ana'),
      body: JSON.stringify({ setting: 'available' }),
    });
    const started = (await (await post('/v1/conversations', { siteKey: LIVE_SITE })).json()) as {
      conversation: { id: string };
    };
    const id = started.conversation.id;
    await post(`/v1/conversations/${id}/messages`, {
      clientMessageId: 'visitor-1',
      text: 'Can I talk to someone now?',
    });
    await expect.poll(() => ana.received.some((m) => m.type === 'inbox')).toBe(true);

    const visitor = await connect(runtime.url);
    const seen = ((await (await visitors.request(`/v1/conversations/${id}/live`)).json()) as { lastSeq: number })
      .lastSeq;
    await visitor.subscribed({
      type: 'subscribe',
      conversationId: id,
      after: seen,
      visitorToken: visitors.tokenOf(id),
    });
    expect((await post(`/v1/sites/${LIVE_SITE}/live-chats/${id}/accept`, {}, await rep('rep-ana'))).status).toBe(200);
    const repSays = (n: number) =>
      post(
        `/v1/sites/${LIVE_SITE}/live-chats/${id}/messages`,
        { clientMessageId: `rep-message-${n}`, text: `Rep ${n}` },
        undefined,
      );
    const sayAsAna = async (n: number) =>
      post(
        `/v1/sites/${LIVE_SITE}/live-chats/${id}/messages`,
        { clientMessageId: `rep-message-${n}`, text: `Rep ${n}` },
        await rep('rep-ana'),
      );
    expect((await repSays(0)).status).toBe(401);
    await sayAsAna(1);
    await expect.poll(() => visitor.texts()).toEqual(['Ana has joined the conversation.', 'Rep 1']);

    // The visitor types: the rep's open chat hears it over its own subscription.
    await ana.subscribed({
      type: 'subscribe',
      conversationId: id,
      after: visitor.seqs().at(-1)!,
      token: (await rep('rep-ana')).Authorization.slice('Bearer '.length),
    });
    visitor.send({ type: 'typing', conversationId: id, visitorToken: visitors.tokenOf(id) });
    await expect.poll(() => ana.received.some((m) => m.type === 'typing')).toBe(true);

    // The visitor's connection drops; the rep writes twice meanwhile; the visitor resumes after the last turn it has.
    const last = visitor.seqs().at(-1)!;
    visitor.socket.terminate();
    await sayAsAna(2);
    await sayAsAna(3);
    const resumed = await connect(runtime.url);
    await resumed.subscribed({
      type: 'subscribe',
      conversationId: id,
      after: last,
      visitorToken: visitors.tokenOf(id),
    });
    await expect.poll(() => resumed.texts()).toEqual(['Rep 2', 'Rep 3']);
    await sayAsAna(4);
    await expect.poll(() => resumed.texts()).toEqual(['Rep 2', 'Rep 3', 'Rep 4']);
    expect(new Set(resumed.seqs()).size).toBe(resumed.seqs().length);

    resumed.socket.close();
    ana.socket.close();
    await expect
      .poll(() => runtime.deps.liveConnections.listeners({ kind: 'conversation', conversationId: id }))
      .toEqual([]);
  });

  it('answers a message it does not understand with an error, and refuses an inbox without a rep’s token', async () => {
    const client = await connect(runtime.url);
    client.send({ type: 'shout' });
    client.send({ type: 'subscribe-inbox', siteKey: LIVE_SITE, token: 'not-a-token' });
    await expect.poll(() => client.received.filter((m) => m.type === 'error').length).toBe(2);
    client.socket.close();
  });

  it('lets only the visitor who started a conversation, or a rep whose chat it is, listen to it or type in it', async () => {
    const started = (await (await post('/v1/conversations', { siteKey: LIVE_SITE })).json()) as {
      conversation: { id: string };
    };
    const id = started.conversation.id;
    const other = (await (await post('/v1/conversations', { siteKey: LIVE_SITE })).json()) as {
      conversation: { id: string };
    };
    const client = await connect(runtime.url);
    // No token, another visitor's token, a forged one, and a rep whose chat it is not: each refused.
    client.send({ type: 'subscribe', conversationId: id, after: -1 });
    client.send({
      type: 'subscribe',
      conversationId: id,
      after: -1,
      visitorToken: visitors.tokenOf(other.conversation.id),
    });
    client.send({ type: 'subscribe', conversationId: id, after: -1, visitorToken: 'forged' });
    client.send({
      type: 'subscribe',
      conversationId: id,
      after: -1,
      token: (await rep('rep-ana')).Authorization.slice('Bearer '.length),
    });
    client.send({ type: 'typing', conversationId: id, visitorToken: visitors.tokenOf(other.conversation.id) });
    await expect.poll(() => client.received.filter((m) => m.type === 'error').length).toBe(5);
    expect(client.received.filter((m) => m.type === 'subscribed')).toEqual([]);
    expect(await runtime.deps.liveConnections.listeners({ kind: 'conversation', conversationId: id })).toEqual([]);
    // The visitor's own token opens it.
    await client.subscribed({ type: 'subscribe', conversationId: id, after: -1, visitorToken: visitors.tokenOf(id) });
    client.socket.close();
  });
});
