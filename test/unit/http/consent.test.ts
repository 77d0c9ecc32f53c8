import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aSite } from '../../fixtures/builders.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';
import { aVisitorClient } from '../../support/visitor-client.js';

const NOTICE = {
  required: true,
  version: '2026-11',
  text: { en: 'This chat is recorded.', de: 'Dieser Chat wird aufgezeichnet.' },
};
const NOW = '2026-11-26T05:00:00.000Z';

describe('consent on a site that requires it', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
  });
  let now: Date;
  beforeEach(async () => {
    now = new Date(NOW);
    t = await createTestApp(store, { clock: () => now });
    await t.deps.sites.replace(aSite({ consent: NOTICE }));
  });
  afterAll(() => store.close());

  /** A visitor whose requests arrive from one address with one browser, as the local server sees them. */
  const visitorAt = (address: string, userAgent: string) => {
    const env = { incoming: { socket: { remoteAddress: address } } };
    return aVisitorClient(async (path, init) =>
      t.app.request(
        path,
        { ...init, headers: { ...(init.headers as Record<string, string>), 'User-Agent': userAgent } },
        env,
      ),
    );
  };
  const expectedHash = (address: string, userAgent: string) =>
    createHash('sha256').update(`${address}\n${userAgent}`).digest('hex');

  it.each(['1999-01-01T00:00:00.000Z', '2099-12-31T23:59:59.000Z'])(
    "stamps the acceptance with the server's time, not the client's %s",
    async (claimed) => {
      const visitor = visitorAt('203.0.113.9', 'Firefox/140');

      const response = await visitor.json('/v1/conversations', {
        siteKey: 'test-site',
        language: 'de-DE',
        consent: { version: '2026-11', acceptedAt: claimed },
      });

      expect(response.status).toBe(201);
      const { conversation } = (await response.json()) as { conversation: { id: string } };
      const stored = await t.deps.conversations.loadAll(conversation.id);
      expect(stored?.conversation.consent).toEqual({
        version: '2026-11',
        text: 'Dieser Chat wird aufgezeichnet.',
        acceptedAt: NOW,
        requesterHash: expectedHash('203.0.113.9', 'Firefox/140'),
      });
    },
  );

  it('keeps neither the address nor the user agent, only their hash', async () => {
    const visitor = visitorAt('198.51.100.77', 'Mozilla/5.0 UniqueAgent/9');

    await visitor.json('/v1/conversations', { siteKey: 'test-site', consent: { version: '2026-11' } });

    const everything = JSON.stringify(await store.allItems());
    expect(everything).not.toContain('198.51.100.77');
    expect(everything).not.toContain('UniqueAgent');
    expect(everything).toContain(expectedHash('198.51.100.77', 'Mozilla/5.0 UniqueAgent/9'));
  });

  it.each([
    ['no consent', {}],
    ['an older notice version', { consent: { version: '2026-10' } }],
  ])('refuses to start a conversation with %s and stores nothing', async (_, extra) => {
    const before = await store.allItems();

    const response = await visitorAt('203.0.113.9', 'Firefox/140').json('/v1/conversations', {
      siteKey: 'test-site',
      ...extra,
    });

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await store.allItems()).toEqual(before);
  });

  const pageView = { type: 'page_view', url: 'https://www.example.com/pricing', title: 'Pricing' };

  it.each([
    ['no consent', {}],
    ['an older notice version', { consent: { version: '2026-10' } }],
  ])('refuses a page view with %s and stores nothing', async (_, extra) => {
    const before = await store.allItems();

    const response = await visitorAt('203.0.113.9', 'Firefox/140').json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: pageView,
      ...extra,
    });

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await store.allItems()).toEqual(before);
  });

  it('records a page view sent with the accepted version, and the first acceptance on the profile', async () => {
    const visitor = visitorAt('203.0.113.9', 'Firefox/140');
    const accepted = { version: '2026-11', language: 'de' };

    const first = await visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: pageView,
      consent: accepted,
    });
    now = new Date('2026-11-26T05:10:00.000Z');
    const second = await visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { ...pageView, url: 'https://www.example.com/demo' },
      consent: accepted,
    });

    expect([first.status, second.status]).toEqual([200, 200]);
    const { visitorId } = (await second.json()) as { visitorId: string };
    const profile = await t.deps.visitors.get(visitorId);
    expect(profile?.pageViews).toHaveLength(2);
    expect(profile?.consent).toEqual({
      version: '2026-11',
      text: 'Dieser Chat wird aufgezeichnet.',
      acceptedAt: NOW,
      requesterHash: expectedHash('203.0.113.9', 'Firefox/140'),
    });
  });

  it('takes page views without consent on a site that shows no notice, and records none', async () => {
    await t.deps.sites.replace(aSite());

    const response = await visitorAt('203.0.113.9', 'Firefox/140').json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: pageView,
    });

    expect(response.status).toBe(200);
    const { visitorId } = (await response.json()) as { visitorId: string };
    expect((await t.deps.visitors.get(visitorId))?.consent).toBeUndefined();
  });
});
