import { startLocal } from '../functions/local/start-local.js';
import { createLogger } from '../functions/composition/create-logger.js';

const READS = new Set([
  'GetCommand',
  'QueryCommand',
  'BatchGetCommand',
  'ScanCommand',
  'GetItemCommand',
  'BatchGetItemCommand',
]);

/** Counts the DynamoDB commands of one request, with SDK middleware on the product's client. */
export async function countDynamoDbCalls() {
  let calls: string[] = [];
  let inFlight = 0;
  let roundTrips = 0;
  let limitCalls = 0;
  let limitsInFlight = 0;
  let limitRoundTrips = 0;
  // Both kinds together: what a request waits for when its limits go out beside its own calls.
  let anyInFlight = 0;
  let allRoundTrips = 0;
  const sent = () => {
    if (anyInFlight === 0) allRoundTrips++;
    anyInFlight++;
  };
  // The outbox relay's and the timer scheduler's own calls are background work (separate functions in
  // AWS): they are held still while counting.
  const runtime = await startLocal({
    port: 0,
    dataDir: null,
    logger: createLogger('SILENT'),
    // The abuse limits' counters (LIMIT# items) are counted apart, calls and round trips: they go out
    // together before the operation, whatever the operation does.
    onDynamoDbCommand: (name, input) => {
      sent();
      if (String((input as { Key?: { pk?: unknown } }).Key?.pk).startsWith('LIMIT#')) {
        limitCalls++;
        if (limitsInFlight === 0) limitRoundTrips++;
        limitsInFlight++;
        return () => {
          limitsInFlight--;
          anyInFlight--;
        };
      }
      calls.push(name);
      // A call sent while none is in flight starts a round trip; calls sent beside it share that one.
      if (inFlight === 0) roundTrips++;
      inFlight++;
      return () => {
        inFlight--;
        anyInFlight--;
      };
    },
    relayIntervalMs: 3_600_000,
    timerIntervalMs: 3_600_000,
  });
  await runtime.flushEvents();
  // A function reads the slot engine on its first routing (functions/bundling/on-first-use.ts): loaded here
  // first, so the first routing's calls keep their round trips and what is counted is DynamoDB's alone.
  await import('../functions/app/scheduling/rep-slots.js');
  // One visitor, as the widget is: the first page view's token goes with every later call.
  let visitorToken: string | undefined;
  const asVisitor = (): Record<string, string> => (visitorToken ? { 'X-Baton-Visitor-Token': visitorToken } : {});
  const post = async (path: string, body: unknown) => {
    const answer = (await (
      await fetch(`${runtime.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...asVisitor() },
        body: JSON.stringify(body),
      })
    ).json()) as any;
    visitorToken = answer.visitorToken ?? visitorToken;
    return answer;
  };
  const measure = async <T>(work: () => Promise<T>) => {
    calls = [];
    roundTrips = 0;
    limitCalls = 0;
    limitRoundTrips = 0;
    allRoundTrips = 0;
    await work();
    const made = calls;
    return {
      limits: limitCalls,
      limit_round_trips: limitRoundTrips,
      all_round_trips: allRoundTrips,
      total: made.length,
      round_trips: roundTrips,
      reads: made.filter((name) => READS.has(name)).length,
      writes: made.filter((name) => !READS.has(name)).length,
    };
  };
  try {
    const conversation: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    conversation.page_view = await measure(() =>
      post('/v1/visitor-events', { siteKey: 'demo', event: { type: 'page_view', url: 'http://demo.test/pricing' } }),
    );
    const visitor = await post('/v1/visitor-events', {
      siteKey: 'demo',
      event: { type: 'identify', answers: { jobTitle: 'VP Sales' } },
    });
    let id = '';
    conversation.start = await measure(async () => {
      id = (await post('/v1/conversations', { siteKey: 'demo', visitorId: visitor.visitorId })).conversation.id;
    });
    conversation.chat_turn = await measure(() =>
      post(`/v1/conversations/${id}/messages`, { clientMessageId: 'count-0001', text: 'Pricing for 50 reps' }),
    );
    conversation.answer_and_route = await measure(() =>
      post(`/v1/conversations/${id}/messages`, { clientMessageId: 'count-0002', text: 'vp@globex.com' }),
    );
    // The HTTP bench's turns: a new visitor (no token, so no profile) sends free text at the first question,
    // which becomes their first answer; later turns at the email question store no answer.
    const routedVisitor = visitorToken;
    visitorToken = undefined;
    const fresh = (await post('/v1/conversations', { siteKey: 'demo' })).conversation.id as string;
    const pricing = (n: number) => () =>
      post(`/v1/conversations/${fresh}/messages`, {
        clientMessageId: `count-100${n}`,
        text: 'Tell me more about pricing',
      });
    conversation.first_chat_turn = await measure(pricing(1));
    conversation.later_chat_turn = await measure(pricing(2));
    visitorToken = routedVisitor;
    let start = '';
    conversation.list_slots = await measure(async () => {
      start = (
        (await (
          await fetch(`${runtime.url}/v1/conversations/${id}/slots?timeZone=UTC`, { headers: asVisitor() })
        ).json()) as {
          slots: Array<{ start: string }>;
        }
      ).slots[0]!.start;
    });
    conversation.booking = await measure(() =>
      post(`/v1/conversations/${id}/meetings`, { start, name: 'VP', email: 'vp@globex.com', timeZone: 'UTC' }),
    );
    return conversation;
  } finally {
    await runtime.close();
  }
}
