import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdays } from '../../../functions/core/routing/rep.js';
import { defaultRulebookContent } from '../../../functions/core/rulebook/rulebook.js';
import type { Role } from '../../../functions/ports/token-verifier.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

type Draft = {
  contentHash: string;
  revision: number;
  status: string;
  signatures: Array<{ side: string; userId: string }>;
  problems: Array<{ path: string; message: string }>;
};

describe('the rulebook lifecycle over HTTP', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const base = '/v1/sites/test-site/rulebook';
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    for (const repId of ['rep-ana', 'rep-ben', 'rep-carla']) {
      await t.deps.reps.put('test-site', {
        repId,
        name: repId,
        email: `${repId}@acme.test`,
        timeZone: 'UTC',
        workingHours: weekdays([['09:00', '17:00']]),
        outOfOffice: [],
        calendars: [],
        active: true,
      });
    }
  });
  afterAll(() => store.close());

  const as = async (userId: string, roles: Role[]) => ({ Authorization: `Bearer ${await t.tokenFor(roles, userId)}` });
  const call = async (method: string, path: string, who: Record<string, string>, body?: unknown) =>
    t.request(`${base}${path}`, {
      method,
      headers: { ...who, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const draftNow = async () => (await (await call('GET', '/draft', await as('mia', ['marketing']))).json()) as Draft;
  const lowerBar = (mql: number) => ({
    ...defaultRulebookContent,
    scoring: { ...defaultRulebookContent.scoring, thresholds: { mql } },
  });

  it('goes live only with both owners signing the same content, then rolls back', async () => {
    const mia = await as('mia', ['marketing']);
    const sam = await as('sam', ['sales']);

    const saved = await call('PUT', '/draft', mia, lowerBar(60));
    expect(saved.status).toBe(200);
    const submitted = (await (await call('POST', '/draft/submit', mia)).json()) as Draft;
    expect(submitted.status).toBe('submitted');

    const first = await call('POST', '/draft/approve', mia, { contentHash: submitted.contentHash, side: 'marketing' });
    expect(((await first.json()) as { published: unknown }).published).toBeNull();
    const second = await call('POST', '/draft/approve', sam, { contentHash: submitted.contentHash, side: 'sales' });
    expect(await second.json()).toEqual({ draft: null, published: { version: 2, contentHash: submitted.contentHash } });
    expect((await t.deps.rulebooks.getLive('test-site'))?.scoring.thresholds.mql).toBe(60);

    const asked = await call('POST', '/rollback', sam, { version: 1, side: 'sales' });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toMatchObject({
      version: 1,
      live: false,
      signatures: [{ side: 'sales', userId: 'sam' }],
    });
    expect((await t.deps.rulebooks.getLive('test-site'))?.version).toBe(2);
    const rolledBack = await call('POST', '/rollback', mia, { version: 1, side: 'marketing' });
    expect(rolledBack.status).toBe(200);
    expect(await rolledBack.json()).toMatchObject({ version: 1, live: true });
    expect((await t.deps.rulebooks.getLive('test-site'))?.version).toBe(1);
    const rollbackEvents = (await t.deps.outbox.pending(100))
      .flatMap((batch) => batch.events)
      .filter((event) => event.detailType === 'RulebookRolledBack');
    expect(rollbackEvents.map((event) => event.detail)).toEqual([
      { version: 1, contentHash: expect.any(String), previousVersion: 2 },
    ]);

    const versions = (await (await call('GET', '/versions', mia)).json()) as {
      liveVersion: number;
      versions: Array<{ version: number; live: boolean; signatures: unknown[] }>;
      history: Array<{ action: string; userId: string; detail: string }>;
    };
    expect(versions.liveVersion).toBe(1);
    expect(versions.versions.map((v) => [v.version, v.live])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(versions.history.map((entry) => [entry.action, entry.userId])).toEqual([
      ['rolled-back', 'mia'],
      ['signed', 'sam'],
      ['published', 'sam'],
      ['signed', 'sam'],
      ['signed', 'mia'],
      ['submitted', 'mia'],
      ['edited', 'mia'],
    ]);
    expect(versions.history.find((entry) => entry.action === 'edited')?.detail).toBe('scoring');
  });

  it('tells a signer in words what the draft changes against the live version, for the hash they sign', async () => {
    const mia = await as('mia', ['marketing']);
    const draft = (await (await call('PUT', '/draft', mia, lowerBar(55))).json()) as Draft;

    const response = await call('GET', '/draft/changes', await as('sam', ['sales']));

    expect(response.status).toBe(200);
    const body = (await response.json()) as { draftContentHash: string; changes: Array<{ text: string }> };
    expect(body.draftContentHash).toBe(draft.contentHash);
    // The live threshold depends on what earlier tests published; the draft's is this test's own.
    expect(body.changes.map((change) => change.text)).toEqual([
      expect.stringMatching(/^MQL threshold from \d+ to 55 points$/),
    ]);
    expect((await call('GET', '/draft/changes', await as('ana', ['rep']))).status).toBe(403);
  });

  it('refuses one account signing both sides', async () => {
    const both = await as('pat', ['marketing', 'sales']);
    await call('PUT', '/draft', both, lowerBar(65));
    const { contentHash } = (await (await call('POST', '/draft/submit', both)).json()) as Draft;

    await call('POST', '/draft/approve', both, { contentHash, side: 'marketing' });
    const again = await call('POST', '/draft/approve', both, { contentHash, side: 'sales' });

    expect(again.status).toBe(403);
    expect(((await again.json()) as { detail: string }).detail).toBe(
      'One account cannot sign for both marketing and sales.',
    );
    expect((await t.deps.rulebooks.getLive('test-site'))?.version).toBe(1);
  });

  it('voids the signatures when a signed draft is edited, and refuses a signature on a stale hash', async () => {
    const mia = await as('mia', ['marketing']);
    await call('PUT', '/draft', mia, lowerBar(66));
    const { contentHash } = (await (await call('POST', '/draft/submit', mia)).json()) as Draft;
    await call('POST', '/draft/approve', mia, { contentHash, side: 'marketing' });
    expect((await draftNow()).signatures).toHaveLength(1);

    await call('PUT', '/draft', mia, lowerBar(67));
    const edited = await draftNow();
    expect(edited.signatures).toEqual([]);
    expect(edited.status).toBe('editing');

    const stale = await call('POST', '/draft/approve', await as('sam', ['sales']), { contentHash, side: 'sales' });
    expect(stale.status).toBe(409);
  });

  it('keeps an invalid draft as work in progress but never lets it go live', async () => {
    const mia = await as('mia', ['marketing']);
    const broken = {
      ...defaultRulebookContent,
      rules: [{ id: 'x', name: 'X', when: { all: [] }, route: { type: 'rep', repId: 'rep-ghost' } }],
    };

    const saved = (await (await call('PUT', '/draft', mia, broken)).json()) as Draft;
    const submit = await call('POST', '/draft/submit', mia);

    expect(saved.problems).toEqual([{ path: '/rules/0/route/repId', message: 'unknown rep "rep-ghost"' }]);
    expect(submit.status).toBe(422);
    expect(((await submit.json()) as { detail: string }).detail).toContain(
      '/rules/0/route/repId: unknown rep "rep-ghost"',
    );
    expect((await t.deps.rulebooks.getLive('test-site'))?.version).toBe(1);
  });

  it('refuses a draft that breaks the schema with per-field errors, storing nothing', async () => {
    const before = await draftNow();
    const bad = {
      ...defaultRulebookContent,
      rules: [{ id: 'x', name: 'X', when: { field: 'salary', op: 'equals', value: 1 }, route: { type: 'pool' } }],
    };

    const response = await call('PUT', '/draft', await as('mia', ['marketing']), bad);

    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ pointer: string }> };
    expect(problem.errors.map((error) => error.pointer)).toEqual(
      expect.arrayContaining(['/rules/0/when/field', '/rules/0/route/poolId']),
    );
    expect(await draftNow()).toEqual(before);
  });

  it('lets only marketing edit and submit, and nobody unsigned read', async () => {
    const sam = await as('sam', ['sales']);
    expect((await call('PUT', '/draft', sam, defaultRulebookContent)).status).toBe(403);
    expect((await call('POST', '/draft/submit', sam)).status).toBe(403);
    expect((await t.request(`${base}/draft`)).status).toBe(401);
    expect((await call('GET', '/draft', await as('rita', ['rep']))).status).toBe(403);
  });

  it('simulates the draft against recorded visitors', async () => {
    const mia = await as('mia', ['marketing']);
    await t.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'identify', answers: { email: 'x@some-software.io', companySize: 500, jobLevel: 'vp-director' } },
    });
    await call('PUT', '/draft', mia, lowerBar(40));

    const response = await call('POST', '/draft/simulate', mia, { days: 7 });

    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      visitors: number;
      mql: { live: number; draft: number };
      changed: unknown[];
    };
    expect(report.visitors).toBeGreaterThanOrEqual(1);
    expect(report.mql).toMatchObject({ live: 0, draft: 1 });
    expect(report.changed).toHaveLength(1);
  });
});
