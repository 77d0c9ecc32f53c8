import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSite } from '../../fixtures/builders.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const START = Date.parse('2026-11-26T05:00:00.000Z');
const DAY = 86_400_000;

describe("a site's retention, with an injected clock at the boundary", () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let now = new Date(START);
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store, { clock: () => now });
    await t.deps.sites.replace(aSite({ retention: { conversationDays: 30, visitorDays: 60 } }));
  });
  afterAll(() => store.close());

  const exported = async (visitorId: string) =>
    (await (
      await t.json('/v1/sites/test-site/privacy/export', { visitorId }, { headers: await t.bearer(['admin']) })
    ).json()) as { profiles: unknown[]; conversations: unknown[] };

  it('keeps a conversation until its expiry and a profile until theirs, then neither is read or exported, and the TTL attribute is set', async () => {
    const visitor = t.visitor();
    const started = await visitor.json('/v1/conversations', { siteKey: 'test-site' });
    const { conversation } = (await started.json()) as { conversation: { id: string; visitorId: string } };
    await visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'page_view', url: 'https://www.example.com/pricing' },
    });
    const marketing = await t.bearer(['marketing']);
    const readConversation = async () => (await visitor.request(`/v1/conversations/${conversation.id}`)).status;
    const readVisitor = async () =>
      (await t.request(`/v1/visitors/${conversation.visitorId}`, { headers: marketing })).status;

    expect((await t.deps.conversations.loadAll(conversation.id))?.conversation.expiresAt).toBe(
      (START + 30 * DAY) / 1000,
    );
    expect((await t.deps.visitors.get(conversation.visitorId))?.expiresAt).toBe((START + 60 * DAY) / 1000);

    now = new Date(START + 30 * DAY - 1);
    expect(await readConversation()).toBe(200);
    expect((await exported(conversation.visitorId)).conversations).toHaveLength(1);

    now = new Date(START + 30 * DAY);
    expect(await readConversation()).toBe(404);
    expect((await exported(conversation.visitorId)).conversations).toEqual([]);
    expect(await readVisitor()).toBe(200);

    now = new Date(START + 60 * DAY - 1);
    expect(await readVisitor()).toBe(200);
    expect((await exported(conversation.visitorId)).profiles).toHaveLength(1);

    now = new Date(START + 60 * DAY);
    expect(await readVisitor()).toBe(404);
    expect((await exported(conversation.visitorId)).profiles).toEqual([]);

    // The same visitor coming back after expiry starts a new profile over the one the TTL has not deleted yet.
    const back = await visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'page_view', url: 'https://www.example.com/' },
    });
    expect(back.status).toBe(200);
    const fresh = await t.deps.visitors.get(conversation.visitorId);
    expect(fresh?.pageViews.map((view) => view.path)).toEqual(['/']);
    expect(fresh?.expiresAt).toBe((START + 120 * DAY) / 1000);
  });

  it('keeps 395 days when the site sets no retention', async () => {
    await t.deps.sites.replace(aSite());
    now = new Date(START);
    const visitor = t.visitor();

    const started = await visitor.json('/v1/conversations', { siteKey: 'test-site' });

    const { conversation } = (await started.json()) as { conversation: { id: string } };
    expect((await t.deps.conversations.loadAll(conversation.id))?.conversation.expiresAt).toBe(
      (START + 395 * DAY) / 1000,
    );
  });
});
