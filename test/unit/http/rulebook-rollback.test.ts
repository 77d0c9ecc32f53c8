import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRulebookContent } from '../../../functions/core/rulebook/rulebook.js';
import type { Role } from '../../../functions/ports/token-verifier.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

describe('rolling the live rulebook back takes both sides, like a publish', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const path = '/v1/sites/test-site/rulebook/rollback';
  // Each test starts from its own table: version 1 (the seed) and version 2 live.
  beforeEach(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    await t.deps.rulebooks.publish(
      'test-site',
      {
        version: 2,
        content: defaultRulebookContent,
        contentHash: 'b'.repeat(64),
        publishedAt: '2026-11-25T09:00:00.000Z',
        signatures: [],
      },
      1,
    );
  });
  afterEach(() => store.close());

  const sign = async (userId: string, roles: Role[], body: unknown) =>
    t.json(path, body, { headers: { Authorization: `Bearer ${await t.tokenFor(roles, userId)}` } });
  const liveVersion = async () => (await t.deps.rulebooks.getLive('test-site'))?.version;
  const rolledBackEvents = async () =>
    (await t.deps.outbox.pending(100))
      .flatMap((batch) => batch.events)
      .filter((event) => event.detailType === 'RulebookRolledBack')
      .map((event) => event.detail);

  it('is not live after one signature, and is once the other side signs, with RulebookRolledBack emitted', async () => {
    const first = await sign('mia', ['marketing'], { version: 1, side: 'marketing' });

    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      version: 1,
      live: false,
      signatures: [{ side: 'marketing', userId: 'mia' }],
    });
    expect(await liveVersion()).toBe(2);
    expect(await rolledBackEvents()).toEqual([]);

    const second = await sign('sam', ['sales'], { version: 1, side: 'sales' });

    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({
      version: 1,
      live: true,
      signatures: [
        { side: 'marketing', userId: 'mia' },
        { side: 'sales', userId: 'sam' },
      ],
    });
    expect(await liveVersion()).toBe(1);
    expect(await rolledBackEvents()).toEqual([{ version: 1, contentHash: 'seed', previousVersion: 2 }]);
    expect(await t.deps.rulebooks.getPendingRollback('test-site')).toBeNull();
  });

  const versionsSeenBy = async (userId: string, roles: Role[]) =>
    (await (
      await t.request('/v1/sites/test-site/rulebook/versions', {
        headers: { Authorization: `Bearer ${await t.tokenFor(roles, userId)}` },
      })
    ).json()) as { liveVersion: number; pendingRollback: unknown };

  it('lists the rollback that waits for the other side, and no longer once it is live', async () => {
    expect((await versionsSeenBy('sam', ['sales'])).pendingRollback).toBeNull();
    await sign('mia', ['marketing'], { version: 1, side: 'marketing' });

    expect(await versionsSeenBy('sam', ['sales'])).toMatchObject({
      liveVersion: 2,
      pendingRollback: { version: 1, fromVersion: 2, signatures: [{ side: 'marketing', userId: 'mia' }] },
    });

    await sign('sam', ['sales'], { version: 1, side: 'sales' });

    expect(await versionsSeenBy('mia', ['marketing'])).toMatchObject({ liveVersion: 1, pendingRollback: null });
  });

  it('does not list a waiting rollback once another version went live: its next signature starts over', async () => {
    await sign('mia', ['marketing'], { version: 1, side: 'marketing' });
    await t.deps.rulebooks.publish(
      'test-site',
      {
        version: 3,
        content: defaultRulebookContent,
        contentHash: 'c'.repeat(64),
        publishedAt: '2026-11-25T10:00:00.000Z',
        signatures: [],
      },
      2,
    );

    expect(await versionsSeenBy('sam', ['sales'])).toMatchObject({ liveVersion: 3, pendingRollback: null });
  });

  it('refuses the same person signing for the other side too, and nothing goes live', async () => {
    await sign('max', ['marketing', 'sales'], { version: 1, side: 'marketing' });

    const again = await sign('max', ['marketing', 'sales'], { version: 1, side: 'sales' });

    expect(again.status).toBe(403);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(await liveVersion()).toBe(2);
    expect(await rolledBackEvents()).toEqual([]);
  });

  it('keeps waiting when the same side signs twice', async () => {
    await sign('mia', ['marketing'], { version: 1, side: 'marketing' });

    const second = await sign('mo', ['marketing'], { version: 1, side: 'marketing' });

    expect(await second.json()).toMatchObject({ live: false, signatures: [{ side: 'marketing', userId: 'mo' }] });
    expect(await liveVersion()).toBe(2);
  });

  it("refuses signing for a side without that side's role", async () => {
    const response = await sign('mia', ['marketing'], { version: 1, side: 'sales' });

    expect(response.status).toBe(403);
    expect(await t.deps.rulebooks.getPendingRollback('test-site')).toBeNull();
  });

  it('answers 400 without a side and 409 for the live version, storing nothing', async () => {
    const before = await store.allItems();

    const noSide = await sign('mia', ['marketing'], { version: 1 });
    const live = await sign('mia', ['marketing'], { version: 2, side: 'marketing' });

    expect([noSide.status, live.status]).toEqual([400, 409]);
    expect(await store.allItems()).toEqual(before);
  });
});
