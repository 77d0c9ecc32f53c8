import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISITOR_TOKEN_HEADER } from '../../../functions/http/middleware/visitor-session.js';
import { aSite } from '../../fixtures/builders.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

/** Issue 13's findings about visitor ids, each refused now with nothing stored. */
describe('visitors act only as themselves, on their own site', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    await t.deps.sites.putIfAbsent(aSite({ siteKey: 'other-site', name: 'Other Site' }));
    await t.deps.rulebooks.putLiveIfAbsent(
      'other-site',
      (await t.deps.rulebooks.getLive('test-site'))!,
      '2026-11-25T09:00:00.000Z',
    );
  });
  afterAll(() => store.close());

  /** A visitor of test-site who told us their email: the profile an attacker wants. */
  const aKnownVisitor = async () => {
    const victim = t.visitor();
    const answer = await victim.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'identify', answers: { email: 'ana@globex.com', name: 'Ana' } },
    });
    expect(answer.status).toBe(200);
    return { victim, visitorId: ((await answer.json()) as { visitorId: string }).visitorId };
  };
  const profileOf = async (visitorId: string) =>
    (await (await t.request(`/v1/visitors/${visitorId}`, { headers: await t.bearer(['marketing']) })).json()) as {
      answers: Record<string, string>;
      unsubscribed: boolean;
    };

  it("refuses a conversation on one site for another site's visitor, with or without that visitor's token", async () => {
    const { victim, visitorId } = await aKnownVisitor();
    const before = await store.allItems();

    const named = await t.json('/v1/conversations', { siteKey: 'other-site', visitorId });
    const withToken = await victim.json('/v1/conversations', { siteKey: 'other-site', visitorId });
    const tokenOnly = await victim.json('/v1/conversations', { siteKey: 'other-site' });

    expect([named.status, withToken.status, tokenOnly.status]).toEqual([401, 403, 403]);
    expect(named.headers.get('content-type')).toBe('application/problem+json');
    expect(await store.allItems()).toEqual(before);
  });

  it('refuses rewriting a profile by naming its visitorId, and leaves it as it was', async () => {
    const { visitorId } = await aKnownVisitor();
    const attacker = t.visitor();
    expect((await attacker.json('/v1/conversations', { siteKey: 'test-site' })).status).toBe(201);
    const before = await store.allItems();

    const rewrites = [
      { type: 'identify', answers: { email: 'mallory@evil.test' } },
      { type: 'unsubscribe' },
      { type: 'content', behaviour: 'demo-request' },
    ].map((event) => ({ siteKey: 'test-site', visitorId, event }));
    const statuses = [];
    for (const body of rewrites) {
      statuses.push((await t.json('/v1/visitor-events', body)).status);
      statuses.push((await attacker.json('/v1/visitor-events', body)).status);
    }

    expect(statuses).toEqual([401, 403, 401, 403, 401, 403]);
    expect(await store.allItems()).toEqual(before);
    expect(await profileOf(visitorId)).toMatchObject({
      answers: { email: 'ana@globex.com' },
      unsubscribed: false,
    });
  });

  it('never adopts a visitor id the client made up', async () => {
    const before = await store.allItems();

    const invented = await t.json('/v1/visitor-events', {
      siteKey: 'test-site',
      visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3NEW1',
      event: { type: 'page_view', url: 'https://test.example/' },
    });
    const started = await t.json('/v1/conversations', {
      siteKey: 'test-site',
      visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3NEW1',
    });

    expect([invented.status, started.status]).toEqual([401, 401]);
    expect(await store.allItems()).toEqual(before);
  });

  it('keeps one visitor from the page view to the chat, and renews the token on each answer', async () => {
    const visitor = t.visitor();
    const viewed = (await (
      await visitor.json('/v1/visitor-events', {
        siteKey: 'test-site',
        event: { type: 'page_view', url: 'https://test.example/pricing' },
      })
    ).json()) as { visitorId: string; visitorToken: string };
    const started = (await (await visitor.json('/v1/conversations', { siteKey: 'test-site' })).json()) as {
      conversation: { visitorId: string };
      visitorToken: string;
    };

    expect(started.conversation.visitorId).toBe(viewed.visitorId);
    expect(t.visitorSessions.verify(started.visitorToken, t.deps.clock())).toEqual({
      siteKey: 'test-site',
      visitorId: viewed.visitorId,
    });
  });

  it("answers 403 to another visitor's conversation whatever the operation, and changes nothing", async () => {
    const owner = t.visitor();
    const { conversation } = (await (await owner.json('/v1/conversations', { siteKey: 'test-site' })).json()) as {
      conversation: { id: string };
    };
    const other = t.visitor();
    await other.json('/v1/conversations', { siteKey: 'test-site' });
    const before = await store.allItems();
    const asOther = { headers: { [VISITOR_TOKEN_HEADER]: other.token! } };

    const statuses = [
      (await t.request(`/v1/conversations/${conversation.id}`, asOther)).status,
      (
        await t.json(
          `/v1/conversations/${conversation.id}/messages`,
          { clientMessageId: 'steal-0001', text: 'hi' },
          asOther,
        )
      ).status,
      (await t.request(`/v1/conversations/${conversation.id}/slots?timeZone=UTC`, asOther)).status,
      (
        await t.json(
          `/v1/conversations/${conversation.id}/meetings`,
          { start: '2026-12-01T15:00:00Z', name: 'X', email: 'x@evil.test', timeZone: 'UTC' },
          asOther,
        )
      ).status,
    ];

    expect(statuses).toEqual([403, 403, 403, 403]);
    expect(await store.allItems()).toEqual(before);
  });
});
