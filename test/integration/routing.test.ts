import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeConversation } from '../../functions/app/route-conversation.js';
import { weekdays, type Rep } from '../../functions/core/routing/rep.js';
import { defaultRulebookContent } from '../../functions/core/rulebook/rulebook.js';
import { aConversation } from '../fixtures/builders.js';
import { aRulebook } from '../fixtures/rulebooks.js';
import { createTestApp } from '../support/test-app.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

const rep = (repId: string, name: string, overrides: Partial<Rep> = {}): Rep => ({
  repId,
  name,
  email: `${repId}@acme.test`,
  timeZone: 'America/New_York',
  workingHours: weekdays([['09:00', '17:00']]),
  outOfOffice: [],
  calendars: [],
  active: true,
  ...overrides,
});

describe('routing against the embedded store', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    for (const r of [rep('rep-ana', 'Ana'), rep('rep-ben', 'Ben'), rep('rep-carla', 'Carla')])
      await t.deps.reps.put('test-site', r);
    // Version 2 sends everyone to the inbound pool (weights 2:1:1, no caps).
    const everyone = aRulebook(
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
    const { version: _v, ...content } = everyone;
    await t.deps.rulebooks.publish(
      'test-site',
      { version: 2, content, contentHash: 'h2', publishedAt: '2026-11-25T00:00:00.000Z', signatures: [] },
      1,
    );
  });
  afterAll(() => store.close());

  it('assigns 200 concurrent conversations by the weights, no turn skipped or doubled', async () => {
    const conversations = Array.from({ length: 200 }, (_, i) =>
      aConversation({ id: `01JD3Q8Y8M4S0W6Q9V2Z${String(i).padStart(6, '0')}`, rulebookVersion: 2 }),
    );

    const decisions = await Promise.all(
      conversations.map((conversation) => routeConversation(t.deps, conversation, {})),
    );

    const tickets = decisions.map((decision) => decision.steps[0]!.ticket!).sort((a, b) => a - b);
    expect(tickets).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const counts = new Map<string, number>();
    for (const decision of decisions)
      if (decision.outcome.type === 'rep')
        counts.set(decision.outcome.repId, (counts.get(decision.outcome.repId) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'rep-ana': 100, 'rep-ben': 50, 'rep-carla': 50 });
    expect(await t.deps.decisions.get(conversations[17]!.id)).toEqual(decisions[17]);
  });

  it('skips an out-of-office rep and a rep with no working time in the booking window', async () => {
    await t.deps.reps.put(
      'test-site',
      rep('rep-ana', 'Ana', { outOfOffice: [{ start: '2026-11-01T00:00:00.000Z', end: '2026-12-31T00:00:00.000Z' }] }),
    );
    await t.deps.reps.put('test-site', rep('rep-ben', 'Ben', { workingHours: weekdays([]) }));

    const decision = await routeConversation(
      t.deps,
      aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZZZZZZ1', rulebookVersion: 2 }),
      {},
    );

    expect(decision.outcome).toMatchObject({ type: 'rep', repId: 'rep-carla' });
    expect(decision.steps[0]!.skipped).toEqual(
      expect.arrayContaining([
        { repId: 'rep-ana', reason: 'out of office until 2026-12-31T00:00:00.000Z' },
        { repId: 'rep-ben', reason: 'no open slot in the booking window' },
      ]),
    );
  });

  it('alerts the admins by mail when routing falls back', async () => {
    await t.deps.reps.put('test-site', rep('rep-carla', 'Carla', { active: false }));

    const decision = await routeConversation(
      t.deps,
      aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZZZZZZ2', rulebookVersion: 2 }),
      {},
    );

    expect(decision.outcome).toEqual({ type: 'nurture', nurtureId: 'follow-up', viaFallback: true });
    const files = await readdir(t.mailDir);
    expect(files).toHaveLength(1);
    const mail = await readFile(join(t.mailDir, files[0]!), 'utf8');
    expect(mail).toContain(`To: ${defaultRulebookContent.alerts.emails[0]}`);
    expect(mail).toContain('Subject: Baton: routing fallback used (test-site)');
    expect(mail).toContain('rep-carla: not in the rep directory or inactive');
  });
});
