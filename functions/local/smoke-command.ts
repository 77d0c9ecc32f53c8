import { parseArgs } from 'node:util';
import type { CommandIo } from './create-site-command.js';

const usage = `Usage: npm run smoke -- --url <base URL> [--site demo] [--email you@company.com] [--answer TEXT ...] [--keep]
  Drives one chat on the site to a booking through the public API, as a visitor's widget does: start a
  conversation, answer the playbook until it offers times, list them, book the first, read the meeting
  with its manage link, open the manage page, and cancel it again (--keep leaves it booked).
  --answer: replies used in order before the built-in ones (a need, the email, an option's first choice).`;

/** The visitor token header of functions/http/middleware/visitor-session.ts (not imported: that pulls in Hono). */
const TOKEN_HEADER = 'X-Baton-Visitor-Token';
const MAX_TURNS = 12;
const advice =
  ": does the site's rulebook route this visitor to a pool or rep with members and working hours (README, Deploying to AWS), or does its playbook need --answer?";

type Message = {
  role: string;
  text: string;
  options?: Array<{ value: string; label: string }>;
  attachment?: { type: string };
};

class SmokeFailure extends Error {}

/**
 * `npm run smoke`: one chat to a booking against a deployed (or local) Baton, through the public API only.
 * Each step prints one line; the first that answers otherwise than a working product would stops the run
 * with exit code 1 and what it got.
 */
export async function runSmoke({ argv, fetch, out, err }: Omit<CommandIo, 'env'>): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.url || !URL.canParse(values.url)) {
    err(usage);
    return 2;
  }
  const base = values.url.replace(/\/+$/, '');
  const siteKey = values.site ?? 'demo';
  // A new address per run: bookings are capped per email and UTC day.
  const email = values.email ?? `baton-smoke+${Date.now().toString(36)}@example.com`;
  let token: string | undefined;

  const call = async <T>(step: string, method: string, path: string, body?: unknown): Promise<T> => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(token ? { [TOKEN_HEADER]: token } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    let parsed: { detail?: unknown; visitorToken?: unknown } | null = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    out(`${response.ok ? 'ok  ' : 'FAIL'} ${step}: ${method} ${path.split('?')[0]} → ${response.status} (${ms} ms)`);
    if (!response.ok)
      throw new SmokeFailure(`${step} answered ${response.status}: ${parsed?.detail ?? text.slice(0, 300)}`);
    if (typeof parsed?.visitorToken === 'string') token = parsed.visitorToken;
    return parsed as T;
  };

  try {
    await call('health', 'GET', '/health');
    const started = await call<{ conversation: { id: string }; messages: Message[] }>(
      'startConversation',
      'POST',
      '/v1/conversations',
      { siteKey, language: 'en' },
    );
    const conversationId = started.conversation.id;
    let bot = started.messages.filter((m) => m.role === 'bot');
    let last = bot.at(-1);
    const answers = [...(values.answer ?? [])];
    let previous: Message | undefined;
    for (let turn = 1; !bot.some((m) => m.attachment?.type === 'slots'); turn++) {
      if (turn > MAX_TURNS || !last)
        throw new SmokeFailure(`the chat offered no times after ${MAX_TURNS} answers${advice}`);
      const repeated = previous !== undefined && previous.text === last.text;
      if (repeated && !last.options?.length)
        throw new SmokeFailure(`the chat is stuck or over at "${last.text}" without offering times${advice}`);
      const reply = answers.shift() ?? replyTo(last, email, repeated);
      previous = last;
      const posted = await call<{ messages: Message[] }>(
        `postMessage ${turn}`,
        'POST',
        `/v1/conversations/${conversationId}/messages`,
        {
          clientMessageId: `smoke-${turn}-${Date.now().toString(36)}`,
          text: reply,
        },
      );
      bot = posted.messages.filter((m) => m.role === 'bot');
      last = bot.at(-1);
    }
    const { slots } = await call<{ slots: Array<{ start: string }> }>(
      'listSlots',
      'GET',
      `/v1/conversations/${conversationId}/slots?timeZone=UTC`,
    );
    const [first] = slots;
    if (!first) throw new SmokeFailure('listSlots offered no open time');
    const booked = await call<{ meeting: { repName: string }; manageUrl: string }>(
      'bookMeeting',
      'POST',
      `/v1/conversations/${conversationId}/meetings`,
      {
        start: first.start,
        name: 'Baton Smoke Test',
        email,
        timeZone: 'UTC',
      },
    );
    const manage = new URL(booked.manageUrl);
    const meetingId = manage.pathname.split('/').pop()!;
    const manageToken = manage.searchParams.get('token') ?? '';
    const meeting = await call<{ status: string }>(
      'getMeeting',
      'GET',
      `/v1/meetings/${meetingId}?token=${encodeURIComponent(manageToken)}`,
    );
    if (meeting.status !== 'booked') throw new SmokeFailure(`the booked meeting reads as "${meeting.status}"`);
    const page = await fetch(booked.manageUrl);
    out(`${page.ok ? 'ok  ' : 'FAIL'} manage page: GET ${manage.origin}${manage.pathname} → ${page.status}`);
    if (!page.ok || !(page.headers.get('content-type') ?? '').includes('text/html'))
      throw new SmokeFailure(`the manage link ${manage.origin}${manage.pathname} serves no page (${page.status})`);
    if (!values.keep)
      await call('cancelMeeting', 'POST', `/v1/meetings/${meetingId}/cancel`, {
        token: manageToken,
        reason: 'Baton smoke test',
      });
    out(
      `Smoke passed: ${booked.meeting.repName} at ${first.start} for ${email}${values.keep ? ` (kept: ${manage.origin}${manage.pathname})` : ', canceled again'}.`,
    );
    return 0;
  } catch (error) {
    // A failure to connect says where it could not connect, not only "fetch failed".
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    err(
      `Smoke failed: ${(error as Error).message}${error instanceof SmokeFailure || !cause ? '' : ` (${base}: ${cause})`}`,
    );
    return 1;
  }
}

/**
 * What a visitor in a hurry answers: the email when asked for one, else a demo request (which a playbook's
 * intents may route at once), and the first button when the question is asked again.
 */
function replyTo(message: Message, email: string, repeated: boolean): string {
  if (repeated && message.options?.length) return message.options[0]!.value;
  if (/e-?mail/i.test(message.text)) return email;
  return 'I would like a demo, please.';
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      site: { type: 'string' },
      email: { type: 'string' },
      answer: { type: 'string', multiple: true },
      keep: { type: 'boolean' },
    },
  });
