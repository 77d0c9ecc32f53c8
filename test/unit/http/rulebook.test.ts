import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRep } from '../../fixtures/builders.js';
import { defaultRulebookContent } from '../../../functions/core/rulebook/rulebook.js';
import type { Role } from '../../../functions/ports/token-verifier.js';
import { runDraftSimulation } from '../../../functions/app/rulebook/run-draft-simulation.js';
import type { VisitorStore } from '../../../functions/ports/visitor-store.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

/** The reps the default rulebook's pools name: without them the draft has problems. */
async function addTheRulebooksReps(t: Awaited<ReturnType<typeof createTestApp>>) {
  for (const repId of ['rep-ana', 'rep-ben', 'rep-carla']) {
    await t.deps.reps.put('test-site', aRep(repId, { timeZone: 'UTC' }));
  }
}

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
    await addTheRulebooksReps(t);
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

  type Job = {
    simulationId: string;
    status: string;
    visitors: number;
    startedAt: string | null;
    finishedAt: string | null;
    error: string | null;
    result: {
      visitors: number;
      mql: { live: number; draft: number };
      changed: unknown[];
      draftRevision: number;
      ruleHits: Array<{ key: string; draft: number }>;
      problems: Array<{ path: string; message: string }>;
      problemCount: number;
    } | null;
  };
  /** The simulation worker's turn: what the relay (locally) or the simulation function (in AWS) does with the event. */
  const runWorker = async (simulationId: string) => {
    const requested = (await t.deps.outbox.pending(100))
      .flatMap((batch) => batch.events)
      .filter((event) => event.detailType === 'SimulationRequested' && event.detail.simulationId === simulationId);
    expect(requested).toHaveLength(1);
    await runDraftSimulation(t.deps, requested[0]!);
  };
  const aRecordedVisitor = () =>
    t.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'identify', answers: { email: 'x@some-software.io', companySize: 500, jobLevel: 'vp-director' } },
    });

  it('simulates the draft as a job: queued at once with where to poll, then the worker leaves its report', async () => {
    const mia = await as('mia', ['marketing']);
    await aRecordedVisitor();
    await call('PUT', '/draft', mia, lowerBar(40));

    const started = await call('POST', '/draft/simulate', mia, { days: 7 });

    expect(started.status).toBe(202);
    const job = (await started.json()) as Job;
    expect(job).toMatchObject({ status: 'queued', visitors: 0, result: null, error: null, startedAt: null });
    expect(started.headers.get('Location')).toBe(`${base}/simulations/${job.simulationId}`);
    const poll = async (who: Record<string, string>) =>
      (await (await t.request(started.headers.get('Location')!, { headers: who })).json()) as Job;
    expect((await poll(mia)).status).toBe('queued');

    await runWorker(job.simulationId);

    const done = await poll(await as('sam', ['sales']));
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(done.result!.visitors).toBeGreaterThanOrEqual(1);
    expect(done.visitors).toBe(done.result!.visitors);
    expect(done.result!.mql).toMatchObject({ live: 0, draft: 1 });
    expect(done.result!.changed).toHaveLength(1);
    expect(done.result!.problems).toEqual([]);
    expect(done.result!.problemCount).toBe(0);
  });

  it('runs a job once however often its event is delivered', async () => {
    const mia = await as('mia', ['marketing']);
    await aRecordedVisitor();
    const job = (await (await call('POST', '/draft/simulate', mia, { days: 7 })).json()) as Job;
    await runWorker(job.simulationId);
    const first = (await (await call('GET', `/simulations/${job.simulationId}`, mia)).json()) as Job;

    await runWorker(job.simulationId);

    expect(await (await call('GET', `/simulations/${job.simulationId}`, mia)).json()).toEqual(first);
  });

  it('shows a job as failed, with a reason and no report, when the store fails under the worker', async () => {
    const mia = await as('mia', ['marketing']);
    const job = (await (await call('POST', '/draft/simulate', mia, { days: 7 })).json()) as Job;
    const [requested] = (await t.deps.outbox.pending(100))
      .flatMap((batch) => batch.events)
      .filter((event) => event.detailType === 'SimulationRequested' && event.detail.simulationId === job.simulationId);
    const outage: VisitorStore = Object.assign(Object.create(t.deps.visitors) as VisitorStore, {
      // biome-ignore lint/correctness/useYield: a store that fails before its first page
      async *pagesSeenSince() {
        throw new Error('ProvisionedThroughputExceededException');
      },
    });

    await runDraftSimulation({ ...t.deps, visitors: outage }, requested!);

    const failed = (await (await call('GET', `/simulations/${job.simulationId}`, mia)).json()) as Job;
    expect(failed).toMatchObject({ status: 'failed', result: null });
    expect(failed.error).toContain('internal error');
    expect(failed.finishedAt).not.toBeNull();
  });

  it('simulates a draft with problems as it stands, and its report names each problem as the draft does', async () => {
    const mia = await as('mia', ['marketing']);
    await aRecordedVisitor();
    const [first] = defaultRulebookContent.rules;
    const shadowed = {
      ...defaultRulebookContent,
      rules: [first!, { ...first!, id: 'same-again', name: 'Same again' }],
    };
    const saved = (await (await call('PUT', '/draft', mia, shadowed)).json()) as Draft;
    expect(saved.problems).toHaveLength(1);

    const started = await call('POST', '/draft/simulate', mia, { days: 7 });
    expect(started.status).toBe(202);
    const job = (await started.json()) as Job;
    await runWorker(job.simulationId);

    const done = (await (await call('GET', `/simulations/${job.simulationId}`, mia)).json()) as Job;
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.result!.problems).toEqual(saved.problems);
    expect(done.result!.problemCount).toBe(1);
    // The numbers are the draft's as it stands: the shadowed rule is never reached.
    expect(done.result!.ruleHits.find((hit) => hit.key === 'same-again')).toBeUndefined();
    await call('PUT', '/draft', mia, defaultRulebookContent);
  });

  it('lists all of 100 problems in the report, and the first 100 of 101 with their count: the draft lists every one', async () => {
    const mia = await as('mia', ['marketing']);
    const withGhosts = (count: number) => ({
      ...defaultRulebookContent,
      pools: [
        ...defaultRulebookContent.pools,
        {
          id: 'ghosts',
          name: 'Ghosts',
          strategy: 'weighted-round-robin' as const,
          members: Array.from({ length: count }, (_, i) => ({ repId: `ghost-${i}`, weight: 1 })),
          visitorPicks: false,
        },
      ],
    });
    const reportOf = async (count: number) => {
      const saved = (await (await call('PUT', '/draft', mia, withGhosts(count))).json()) as Draft;
      const job = (await (await call('POST', '/draft/simulate', mia, { days: 7 })).json()) as Job;
      await runWorker(job.simulationId);
      const done = (await (await call('GET', `/simulations/${job.simulationId}`, mia)).json()) as Job;
      return { draftProblems: saved.problems, report: done.result! };
    };

    const hundred = await reportOf(100);
    const hundredAndOne = await reportOf(101);

    expect(hundred.draftProblems).toHaveLength(100);
    expect(hundred.report.problems).toEqual(hundred.draftProblems);
    expect(hundred.report.problemCount).toBe(100);
    expect(hundredAndOne.draftProblems).toHaveLength(101);
    expect(hundredAndOne.report.problems).toEqual(hundredAndOne.draftProblems.slice(0, 100));
    expect(hundredAndOne.report.problemCount).toBe(101);
    await call('PUT', '/draft', mia, defaultRulebookContent);
  });

  it('names the problems as they are when the job runs: a rep the draft routes to, made inactive after the draft was saved', async () => {
    const mia = await as('mia', ['marketing']);
    await t.deps.reps.put('test-site', aRep('rep-dora', { timeZone: 'UTC' }));
    const [first, ...rest] = defaultRulebookContent.rules;
    const toDora = {
      ...defaultRulebookContent,
      rules: [{ ...first!, route: { type: 'rep', repId: 'rep-dora' } }, ...rest],
    };
    const saved = (await (await call('PUT', '/draft', mia, toDora)).json()) as Draft;
    expect(saved.problems).toEqual([]);
    const job = (await (await call('POST', '/draft/simulate', mia, { days: 7 })).json()) as Job;

    await t.deps.reps.put('test-site', aRep('rep-dora', { timeZone: 'UTC', active: false }));
    await runWorker(job.simulationId);

    const done = (await (await call('GET', `/simulations/${job.simulationId}`, mia)).json()) as Job;
    expect(done.result!.problems).toEqual([{ path: '/rules/0/route/repId', message: 'unknown rep "rep-dora"' }]);
    await call('PUT', '/draft', mia, defaultRulebookContent);
  });

  it('fails the simulation of a draft whose business-hours time zone is unknown with a reason naming it, not as an internal error', async () => {
    const mia = await as('mia', ['marketing']);
    await aRecordedVisitor();
    const elsewhere = {
      ...defaultRulebookContent,
      businessHours: { ...defaultRulebookContent.businessHours, timeZone: 'Mars/Olympus_Mons' },
    };
    const saved = (await (await call('PUT', '/draft', mia, elsewhere)).json()) as Draft;
    expect(saved.problems).toEqual([
      { path: '/businessHours/timeZone', message: 'unknown time zone "Mars/Olympus_Mons"' },
    ]);
    const job = (await (await call('POST', '/draft/simulate', mia, { days: 7 })).json()) as Job;

    await runWorker(job.simulationId);

    const failed = (await (await call('GET', `/simulations/${job.simulationId}`, mia)).json()) as Job;
    expect(failed).toMatchObject({ status: 'failed', result: null });
    expect(failed.error).toBe(
      'The draft cannot be simulated: /businessHours/timeZone: unknown time zone "Mars/Olympus_Mons". Every visitor\'s business hours are read in it; fix it and simulate again.',
    );
    await call('PUT', '/draft', mia, defaultRulebookContent);
  });

  it("answers 404 problem+json for an unknown simulation and for another site's, and 403 to a rep", async () => {
    const both = {
      Authorization: `Bearer ${await t.tokenFor(['marketing'], 'mo', { sites: ['test-site', 'other-site'] })}`,
    };
    const job = (await (await call('POST', '/draft/simulate', both, { days: 7 })).json()) as Job;

    const unknown = await call('GET', '/simulations/01JD3Q8Y8M4S0W6Q9V2ZC3H7KX', both);
    const otherSite = await t.request(`/v1/sites/other-site/rulebook/simulations/${job.simulationId}`, {
      headers: both,
    });

    for (const response of [unknown, otherSite]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
    }
    expect((await call('GET', `/simulations/${job.simulationId}`, await as('rita', ['rep']))).status).toBe(403);
    expect((await call('GET', `/simulations/${job.simulationId}`, both)).status).toBe(200);
  });
});

describe('a simulation whose worker stopped mid-run', () => {
  let store: TestStore;
  let now = Date.parse('2026-11-25T10:00:00.000Z');
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store, { clock: () => new Date(now) });
    await addTheRulebooksReps(t);
  });
  afterAll(() => store.close());

  it('reads as running up to five silent minutes, failed after, and a redelivered event then runs it again', async () => {
    const mia = { Authorization: `Bearer ${await t.tokenFor(['marketing'], 'mia')}` };
    const path = '/v1/sites/test-site/rulebook';
    const started = await t.json(`${path}/draft/simulate`, { days: 7 }, { headers: mia });
    expect(started.status).toBe(202);
    const { simulationId } = (await started.json()) as { simulationId: string };
    const status = async () =>
      (await (await t.request(`${path}/simulations/${simulationId}`, { headers: mia })).json()) as {
        status: string;
        error: string | null;
      };
    // A worker claimed it and died before its first progress.
    const claimedAt = now;
    expect(await t.deps.simulations.claim('test-site', simulationId, new Date(now).toISOString(), '')).not.toBeNull();

    now = claimedAt + 5 * 60_000;
    expect(await status()).toMatchObject({ status: 'running', error: null });
    now = claimedAt + 5 * 60_000 + 1;
    const stopped = await status();
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toContain('stopped without finishing');

    const [requested] = (await t.deps.outbox.pending(100)).flatMap((batch) => batch.events);
    await runDraftSimulation(t.deps, requested!);
    expect((await status()).status).toBe('succeeded');
  });
});
