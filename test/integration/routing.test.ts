import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routeConversation } from '../../functions/app/route-conversation.js';
import { weekdays, type Rep } from '../../functions/core/routing/rep.js';
import { defaultRulebookContent } from '../../functions/core/rulebook/rulebook.js';
import { aConversation, aRep } from '../fixtures/builders.js';
import { aRulebook } from '../fixtures/rulebooks.js';
import { createTestApp } from '../support/test-app.js';
import { sendFallbackAlert } from '../../functions/app/mail/send-fallback-alert.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

const rep = (repId: string, name: string, overrides: Partial<Rep> = {}): Rep => aRep(repId, { name, ...overrides });

const inbound = aRulebook(
  {
    pools: [
      {
        id: 'inbound',
        name: 'Inbound',
        strategy: 'weighted-round-robin',
        members: [
          { repId: 'rep-ana', weight: 2 },
          { repId: 'rep-ben', weight: 1 },
          { repId: 'rep-carla', weight: 1 },
        ],
        visitorPicks: false,
      },
    ],
    rules: [{ id: 'everyone', name: 'Everyone', when: { all: [] }, route: { type: 'pool', poolId: 'inbound' } }],
    fallbacks: [{ type: 'nurture', nurtureId: 'follow-up' }],
  },
  2,
);

/** Each test gets its own store, reps, counters and mail folder, so one failure cannot cascade into the next. */
describe('routing against the embedded store', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeEach(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    const { version: _v, ...content } = inbound;
    // Version 2 sends everyone to the inbound pool (weights 2:1:1, no caps).
    await t.deps.rulebooks.publish(
      'test-site',
      { version: 2, content, contentHash: 'h2', publishedAt: '2026-11-25T00:00:00.000Z', signatures: [] },
      1,
    );
  });
  afterEach(() => store.close());
  const withReps = (...reps: Rep[]) => Promise.all(reps.map((r) => t.deps.reps.put('test-site', r)));
  const conversationNo = (i: number) =>
    aConversation({ id: `01JD3Q8Y8M4S0W6Q9V2Z${String(i).padStart(6, '0')}`, rulebookVersion: 2 });

  // Three full weight cycles routed at once contend for one turn counter; a routing costs about a dozen
  // store calls, so the count stays small enough for a loaded machine. 200 concurrent takers of one
  // counter are checked against the store itself in test/contract/routing-state.contract.test.ts.
  it('assigns 12 concurrent conversations by the weights, no turn skipped or doubled', async () => {
    await withReps(rep('rep-ana', 'Ana'), rep('rep-ben', 'Ben'), rep('rep-carla', 'Carla'));
    const conversations = Array.from({ length: 12 }, (_, i) => conversationNo(i));

    const decisions = await Promise.all(
      conversations.map((conversation) => routeConversation(t.deps, conversation, {})),
    );

    const tickets = decisions.map((decision) => decision.steps[0]!.ticket!).sort((a, b) => a - b);
    expect(tickets).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const counts = new Map<string, number>();
    for (const decision of decisions)
      if (decision.outcome.type === 'rep')
        counts.set(decision.outcome.repId, (counts.get(decision.outcome.repId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'rep-ana': 6, 'rep-ben': 3, 'rep-carla': 3 });
    expect(await t.deps.decisions.get(conversations[7]!.id)).toEqual(decisions[7]);
  });

  it('skips an out-of-office rep and a rep with no working time in the booking window', async () => {
    await withReps(
      rep('rep-ana', 'Ana', { outOfOffice: [{ start: '2026-11-01T00:00:00.000Z', end: '2026-12-31T00:00:00.000Z' }] }),
      rep('rep-ben', 'Ben', { workingHours: weekdays([]) }),
      rep('rep-carla', 'Carla'),
    );

    const decision = await routeConversation(t.deps, conversationNo(1), {});

    expect(decision.outcome).toMatchObject({ type: 'rep', repId: 'rep-carla' });
    expect(decision.steps[0]!.skipped).toEqual(
      expect.arrayContaining([
        { repId: 'rep-ana', reason: 'out of office until 2026-12-31T00:00:00.000Z' },
        { repId: 'rep-ben', reason: 'no open slot in the booking window' },
      ]),
    );
  });

  it('alerts the admins by mail, once, from the event of a routing that fell back (not inside the chat turn)', async () => {
    await withReps(
      rep('rep-ana', 'Ana', { outOfOffice: [{ start: '2026-11-01T00:00:00.000Z', end: '2026-12-31T00:00:00.000Z' }] }),
      rep('rep-ben', 'Ben', { workingHours: weekdays([]) }),
      rep('rep-carla', 'Carla', { active: false }),
    );

    const decision = await routeConversation(t.deps, conversationNo(2), {});

    expect(decision.outcome).toEqual({ type: 'nurture', nurtureId: 'follow-up', viaFallback: true });
    expect(await readdir(t.mailDir)).toEqual([]);
    const routed = (await t.deps.outbox.pending(10_000))
      .flatMap((batch) => batch.events)
      .filter(
        (event) => event.detailType === 'VisitorRouted' && event.detail.conversationId === decision.conversationId,
      );
    expect(routed).toHaveLength(1);
    for (const event of [...routed, ...routed]) await sendFallbackAlert(t.deps, event);
    const files = await readdir(t.mailDir);
    expect(files).toHaveLength(1);
    const mail = await readFile(join(t.mailDir, files[0]!), 'utf8');
    expect(mail).toContain(`To: ${defaultRulebookContent.alerts.emails[0]}`);
    expect(mail).toContain('Subject: Baton: routing fallback used (test-site)');
    expect(mail).toContain('rep-carla: not in the rep directory or inactive');
  });
});
