import { build } from 'esbuild';
import { lambdaBuildOptions, loadedBytes } from '../../bench/bundles.js';
import { describe, expect, it } from 'vitest';
import { countDynamoDbCalls } from '../../bench/dynamodb-calls.js';

describe('deterministic budgets', () => {
  it('keeps DynamoDB calls per request within budget', async () => {
    const calls = await countDynamoDbCalls();

    expect(calls.chat_turn!.total).toBeLessThanOrEqual(3);
    // 3 since consent (issue 13): the site's consent settings are read beside the live rulebook, in its round trip.
    expect(calls.page_view!.total).toBeLessThanOrEqual(3);
    expect(calls.page_view!.round_trips).toBeLessThanOrEqual(2);
    expect(calls.list_slots!.total).toBeLessThanOrEqual(4);
    // 14 since this session: the one-meeting-per-conversation claim, the visitor's and the rep's mail queued
    // as items (sent by the mail consumer, off the request) and the lead context the rep's mail carries.
    // 16 with the 24 h and 1 h reminders: two timer items, the persisted scheduler's only record of them.
    // 18 with the day's place that holds the rep's daily maximum under bookings made at once: a consistent
    // read of the day's places and the conditional put of a free one.
    expect(calls.booking!.total).toBeLessThanOrEqual(18);
    // Issue 17 asks 6 (10 before): the conversation; the profile, the account and exclusions of the email
    // given and the reps the rulebook names as one BatchGetItem; the profile's write; the owner's meetings
    // (a single rep's assignments of the day are not read: no cap to weigh); the claim; the turn, which
    // holds the decision and its event in the same write.
    expect(calls.answer_and_route!.total).toBeLessThanOrEqual(6);
    expect(calls.answer_and_route!.round_trips).toBeLessThanOrEqual(6);
    expect(calls.chat_turn!.round_trips).toBeLessThanOrEqual(3);
    // The HTTP bench's turns. A new visitor's first answer makes their profile with one conditional write:
    // no merge tried first (it failed for want of a profile) and no read of a profile the start says is not
    // there (5 calls in 5 round trips before): the conversation, the profile, the turn.
    expect(calls.first_chat_turn!.total).toBeLessThanOrEqual(3);
    expect(calls.first_chat_turn!.round_trips).toBeLessThanOrEqual(3);
    // A turn that stores no answer: the conversation and the turn.
    expect(calls.later_chat_turn!.total).toBeLessThanOrEqual(2);
    expect(calls.later_chat_turn!.round_trips).toBeLessThanOrEqual(2);
    // A chat turn takes its rate limits beside the conversation's read (one round trip less than before them):
    // what the turn waits for, limits included.
    expect(calls.first_chat_turn!.all_round_trips).toBeLessThanOrEqual(3);
    expect(calls.later_chat_turn!.all_round_trips).toBeLessThanOrEqual(2);
    expect(calls.chat_turn!.all_round_trips).toBeLessThanOrEqual(3);
    expect(calls.answer_and_route!.all_round_trips).toBeLessThanOrEqual(6);
    // Every public request also takes its rate-limit counters: address, visitor and site, three conditional
    // UpdateItems sent together (before the operation, or beside a chat turn's first read), not part of the
    // numbers above but for all_round_trips.
    for (const request of [
      'page_view',
      'chat_turn',
      'answer_and_route',
      'first_chat_turn',
      'later_chat_turn',
      'list_slots',
    ]) {
      expect(calls[request]!.limits, request).toBeLessThanOrEqual(3);
      expect(calls[request]!.limit_round_trips, request).toBe(1);
    }
    // A booking takes two more, its email's and its address's bookings of the day, sent beside the rep's read
    // (so no wait of their own, though counted apart here as a second trip of limit calls).
    expect(calls.booking!.limits).toBeLessThanOrEqual(5);
    expect(calls.booking!.limit_round_trips).toBeLessThanOrEqual(2);
  }, 30_000);

  it('keeps the console API bundle as deployed (AWS SDK bundled) within 2 MB minified at start', async () => {
    expect((await bundleOf('api', { bundleSdk: true })).bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  // Issue 17 asks 256,000 B. Counted: the entry chunk and the chunks it imports statically, what a cold start
  // reads (243,322 B on 26 November 2026: the lean `z` with its `.openapi()` extension, and the app's module, the
  // site schema, the route modules and the OAuth calendars read on first request; 361,095 B this morning,
  // 857,906 B in one file); chunks behind
  // import() load on first use. zod (the settings are parsed at the start; without its locales, compiler and
  // unused factories), the stores, Hono and the logger are ~190 KB of what is left (README, performance).
  it('keeps what the visitor function reads at a cold start (AWS SDK from the runtime) within its byte budget', async () => {
    const visitor = await bundleOf('visitor', { bundleSdk: false });
    expect(visitor.bytes).toBeLessThanOrEqual(245_800);
  });

  it('leaves the route modules, the pattern engine, the calendar-feed parser, the invitation writer, luxon, the OpenAPI document and the AWS SDK out of the visitor function cold start', async () => {
    const visitor = await bundleOf('visitor', { bundleSdk: false });
    const packageOf = (input: string) => input.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1];
    const atStart = new Set(visitor.inputsAtStart.map(packageOf));
    const onFirstUse = new Set(visitor.inputsOnFirstUse.map(packageOf));
    for (const lazy of ['re2js', 'ical.js', 'ics', 'yup', 'luxon']) {
      expect(atStart, lazy).not.toContain(lazy);
      expect(onFirstUse, lazy).toContain(lazy);
    }
    expect(visitor.inputsAtStart).not.toContain('functions/http/docs-page.ts');
    // It syncs no CRM: the CRM mapping's schema is neither read nor built.
    expect(visitor.inputsAtStart).not.toContain('functions/adapters/crm/crm-mapping.ts');
    // The app's module (with the OpenAPI extension), each public route module with its schemas, the site
    // schema and the OAuth calendars' adapters are read by the first request that needs them.
    for (const module of [
      'functions/http/create-app.ts',
      'functions/core/conversation/site.ts',
      'functions/adapters/calendar/google.calendar.ts',
      ...['visitor', 'conversation', 'scheduling', 'live-chat'].map(
        (name) => `functions/http/routes/${name}-routes.ts`,
      ),
    ]) {
      expect(visitor.inputsAtStart).not.toContain(module);
      expect(visitor.inputsOnFirstUse).toContain(module);
    }
    // Its AWS SDK clients read the real packages on their first send (functions/bundling/aws-sdk/), and
    // Powertools Parameters with the Secrets Manager client on the first secret read.
    expect(visitor.externalAtStart.filter((name) => name.startsWith('@aws-sdk/'))).toEqual([]);
    expect(atStart).not.toContain('@aws-lambda-powertools/parameters');
    // The lean `z` installs the `.openapi()` extension, so any chunk of schemas evaluates on its own.
    expect(visitor.inputsAtStart).toContain('functions/bundling/zod-to-openapi-without-documents.js');
  });

  it('builds the outbox forwarder without zod', async () => {
    const { metafile } = await build({
      ...lambdaBuildOptions('outbox-forwarder', { bundleSdk: false, outdir }),
      write: false,
    });
    expect(Object.keys(metafile.inputs).filter((input) => /zod/.test(input))).toEqual([]);
  });
});

/** Built in memory: nothing is written. */
const outdir = 'bench/.out/budget';

async function bundleOf(handler: string, { bundleSdk }: { bundleSdk: boolean }) {
  const { metafile } = await build({ ...lambdaBuildOptions(handler, { bundleSdk, outdir }), write: false });
  return loadedBytes(metafile);
}
