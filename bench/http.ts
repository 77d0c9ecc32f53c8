import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultMeetingType } from '../functions/core/scheduling/meeting-type.js';
import { freePort } from '../test/support/free-port.js';
import { openLoop } from './open-loop.js';

const root = fileURLToPath(new URL('../', import.meta.url));

const TOKEN_HEADER = 'x-baton-visitor-token';
const LIMIT_OUT_OF_THE_WAY = 1_000_000_000;
const WARM_UP_TURNS = 300;
const WARM_UP_IN_FLIGHT = 4;

async function post(base: string, path: string, body: unknown, visitorToken?: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(visitorToken ? { [TOKEN_HEADER]: visitorToken } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as any;
}

/** A conversation and the token of the visitor who started it (every later call sends it). */
interface Started {
  id: string;
  token: string;
}

/** A Globex VP chats and is routed to the account owner: a conversation ready to book. */
async function routedConversation(base: string, n: number): Promise<Started> {
  const visitor = await post(base, '/v1/visitor-events', {
    siteKey: 'demo',
    event: { type: 'identify', answers: { jobTitle: 'VP Sales' } },
  });
  const { conversation } = await post(base, '/v1/conversations', { siteKey: 'demo' }, visitor.visitorToken);
  const token = visitor.visitorToken as string;
  await post(
    base,
    `/v1/conversations/${conversation.id}/messages`,
    { clientMessageId: `need-${n}-0000`, text: 'Demo' },
    token,
  );
  await post(
    base,
    `/v1/conversations/${conversation.id}/messages`,
    { clientMessageId: `mail-${n}-0000`, text: `buyer${n}@globex.com` },
    token,
  );
  return { id: conversation.id, token };
}

const summary = (result: autocannon.Result) => ({
  rps: Math.round(result.requests.average),
  p50_ms: result.latency.p50,
  p99_ms: result.latency.p99,
  errors: result.errors + result.non2xx,
  requests: result.requests.total,
});

/** The real local server (embedded store included) in its own process, loaded by autocannon from this one. */
export async function benchHttp() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      BATON_MEMORY: '1',
      LOG_LEVEL: 'ERROR',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // The load comes from one address, visitor and site: the abuse limits are raised out of its way, and
      // their counters are still written on every request, so their cost is measured.
      BATON_LIMIT_PER_IP: String(LIMIT_OUT_OF_THE_WAY),
      BATON_LIMIT_PER_VISITOR: String(LIMIT_OUT_OF_THE_WAY),
      BATON_LIMIT_PER_SITE: String(LIMIT_OUT_OF_THE_WAY),
      BATON_LIMIT_BOOKINGS_PER_EMAIL: String(LIMIT_OUT_OF_THE_WAY),
      BATON_LIMIT_BOOKINGS_PER_IP: String(LIMIT_OUT_OF_THE_WAY),
      BATON_LIMIT_TURNS: String(LIMIT_OUT_OF_THE_WAY),
    },
    // Its banner is not read: a pipe nobody reads would stop the server once 64 KB of output filled it.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 100) throw new Error('the local server did not start');
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // Chat turns, open loop: 200 requests a second for 10 s whatever the answers' latency (a connection
    // of its own for a request when none is free), each a free-text message into one of 400 open
    // conversations at their first question: a bot turn without routing.
    const open = async (count: number) => {
      const started: Started[] = [];
      for (let i = 0; i < count; i++) {
        const { conversation, visitorToken } = await post(base, '/v1/conversations', { siteKey: 'demo' });
        started.push({ id: conversation.id, token: visitorToken });
      }
      return started;
    };
    const conversations = await open(400);
    let turn = 0;
    const messageTo = (to: Started[], n: number) => ({
      path: `/v1/conversations/${to[n % to.length]!.id}/messages`,
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: to[n % to.length]!.token },
      body: JSON.stringify({
        clientMessageId: `bench-${n.toString().padStart(8, '0')}`,
        text: 'Tell me more about pricing',
      }),
    });
    const message = (n: number) => messageTo(conversations, n);
    // A server that has run a while: the same turns, in conversations of their own (the measured ones stay at
    // their first question), a few at a time until V8 has compiled their path. A cold start's first turns
    // run interpreted and would be measured as the latency of one turn and the open loop's first second.
    const warming = await open(WARM_UP_TURNS);
    let warmed = 0;
    await Promise.all(
      Array.from({ length: WARM_UP_IN_FLIGHT }, async () => {
        while (warmed < WARM_UP_TURNS) {
          const { path, headers, body } = messageTo(warming, warmed++);
          await (await fetch(`${base}${path}`, { method: 'POST', headers, body })).arrayBuffer();
        }
      }),
    );
    // One turn alone first, on an idle server: the latency a visitor sees when nobody else is chatting.
    const sequential: number[] = [];
    for (let i = 0; i < 30; i++) {
      const { path, headers, body } = message(turn++);
      const started = performance.now();
      await fetch(`${base}${path}`, { method: 'POST', headers, body });
      sequential.push(performance.now() - started);
    }
    // Open loop: one turn every 5 ms for 10 s, each timed from when it was due (bench/open-loop.ts says why
    // not autocannon's overallRate). A second of the same load first, unmeasured and without a pause before the
    // measured ten: the loop's connections are open and the server runs as it does under this load.
    const chat = await openLoop(base, { rate: 200, warmUpSeconds: 1, seconds: 10, next: () => message(turn++) });

    // Bookings: each request books its own open slot of its own routed conversation.
    const routed: Started[] = [];
    for (let i = 0; i < 60; i++) routed.push(await routedConversation(base, i));
    const listed = (await (
      await fetch(`${base}/v1/conversations/${routed[0]!.id}/slots?timeZone=UTC`, {
        headers: { [TOKEN_HEADER]: routed[0]!.token },
      })
    ).json()) as {
      slots: Array<{ start: string }>;
    };
    // Every other slot (a meeting's buffer reaches into the next one), and no more in a day than the rep
    // takes: the demo rep's days hold 7 such slots and the 7th booking is refused with a 409 (the "2 errors
    // of 60" of earlier runs: fewer than the 8 full days because concurrent bookings can pass the daily cap).
    const perDay = new Map<string, number>();
    const starts = listed.slots
      .filter((_, index) => index % 2 === 0)
      .map((slot) => slot.start)
      .filter((start) => {
        const day = start.slice(0, 10);
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
        return perDay.get(day)! <= defaultMeetingType.maxPerDay;
      });
    const amount = Math.min(routed.length, starts.length);
    let booking = 0;
    const book = await autocannon({
      url: base,
      connections: 4,
      amount,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            const n = booking++;
            return {
              ...request,
              path: `/v1/conversations/${routed[n]!.id}/meetings`,
              headers: { 'content-type': 'application/json', [TOKEN_HEADER]: routed[n]!.token },
              body: JSON.stringify({
                start: starts[n],
                name: `Buyer ${n}`,
                email: `buyer${n}@globex.com`,
                timeZone: 'UTC',
              }),
            };
          },
        },
      ],
    });
    sequential.sort((a, b) => a - b);
    return {
      chat_turn: {
        kind: 'free-text message at the first question, bot reply, no routing',
        open_loop_200: chat,
        sequential_p50_ms: Math.round(sequential[Math.floor(sequential.length / 2)]! * 10) / 10,
      },
      booking: summary(book),
    };
  } finally {
    server.kill('SIGTERM');
  }
}
