import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbuseLimits } from '../../../functions/core/limits/abuse-limits.js';
import { limitsNoTestReaches } from '../../fixtures/limits.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

/** A clock the test sets; each app reads it for windows and Retry-After. */
function aSettableClock(start: string) {
  let now = new Date(start);
  return { clock: () => now, set: (iso: string) => (now = new Date(iso)) };
}

const from = (address: string) => ({ 'cloudfront-viewer-address': `${address}:443` });
const pageView = { siteKey: 'test-site', event: { type: 'page_view', url: 'https://acme.test/' } };

describe('rate limits on the public operations', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.close());

  const appWith = async (limits: Partial<AbuseLimits>, start = '2026-11-26T10:00:15.000Z') => {
    const time = aSettableClock(start);
    const t = await createTestApp(store, { clock: time.clock, limits: { ...limitsNoTestReaches, ...limits } });
    return { ...t, time };
  };

  it('allows exactly the per-address limit, refuses the next with 429 until the window ends, then allows again', async () => {
    const t = await appWith({ perIp: { limit: 3, windowSeconds: 60 } });
    const send = () => t.json('/v1/visitor-events', pageView, { headers: from('198.51.100.1') });

    const allowed = [await send(), await send(), await send()];
    const refused = await send();

    expect(allowed.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(await refused.json()).toMatchObject({ status: 429, title: 'Too many requests' });

    t.time.set('2026-11-26T10:00:59.999Z');
    expect((await send()).status).toBe(429);
    t.time.set('2026-11-26T10:01:00.000Z');
    expect((await send()).status).toBe(200);
  });

  it('says in Retry-After the whole seconds to the window end, rounded up', async () => {
    const t = await appWith({ perIp: { limit: 1, windowSeconds: 60 } }, '2026-11-26T10:00:30.500Z');
    await t.json('/v1/visitor-events', pageView, { headers: from('198.51.100.2') });

    const refused = await t.json('/v1/visitor-events', pageView, { headers: from('198.51.100.2') });

    expect(refused.headers.get('retry-after')).toBe('30');
  });

  it('counts other addresses apart', async () => {
    const t = await appWith({ perIp: { limit: 1, windowSeconds: 60 } });
    expect((await t.json('/v1/visitor-events', pageView, { headers: from('198.51.100.3') })).status).toBe(200);
    expect((await t.json('/v1/visitor-events', pageView, { headers: from('198.51.100.3') })).status).toBe(429);

    expect((await t.json('/v1/visitor-events', pageView, { headers: from('198.51.100.4') })).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, whichever address of it they use', async () => {
    const t = await appWith({ perIp: { limit: 1, windowSeconds: 60 } });
    expect((await t.json('/v1/visitor-events', pageView, { headers: from('2001:db8:7:7::1') })).status).toBe(200);

    expect((await t.json('/v1/visitor-events', pageView, { headers: from('2001:db8:7:7::2') })).status).toBe(429);
  });

  it('limits one visitor across addresses, counting from the first call that carries their token', async () => {
    const t = await appWith({ perVisitor: { limit: 2, windowSeconds: 60 } });
    const visitor = t.visitor();
    await visitor.json('/v1/visitor-events', pageView, { headers: from('198.51.100.10') });
    expect((await visitor.json('/v1/visitor-events', pageView, { headers: from('198.51.100.11') })).status).toBe(200);
    expect((await visitor.json('/v1/visitor-events', pageView, { headers: from('198.51.100.13') })).status).toBe(200);

    const refused = await visitor.json('/v1/visitor-events', pageView, { headers: from('198.51.100.12') });

    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect((await t.visitor().json('/v1/visitor-events', pageView, { headers: from('198.51.100.12') })).status).toBe(
      200,
    );
  });

  it('limits one site across visitors and addresses, by the site a first call names', async () => {
    const t = await appWith({ perSite: { limit: 2, windowSeconds: 60 } }, '2026-11-26T11:00:00.000Z');
    const first = (address: string) => t.json('/v1/visitor-events', pageView, { headers: from(address) });
    expect((await first('198.51.100.20')).status).toBe(200);
    expect((await first('198.51.100.21')).status).toBe(200);

    const refused = await first('198.51.100.22');

    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
  });

  it('gives back what a refused request took, so one address flooding does not use up its site', async () => {
    const t = await appWith(
      { perIp: { limit: 1, windowSeconds: 60 }, perSite: { limit: 3, windowSeconds: 60 } },
      '2026-11-26T12:00:00.000Z',
    );
    const first = (address: string) => t.json('/v1/visitor-events', pageView, { headers: from(address) });
    await first('198.51.100.30');
    for (let flood = 0; flood < 5; flood++) expect((await first('198.51.100.30')).status).toBe(429);

    expect((await first('198.51.100.31')).status).toBe(200);
    expect((await first('198.51.100.32')).status).toBe(200);
    expect((await first('198.51.100.33')).status).toBe(429);
  });

  it('stores nothing for a refused request', async () => {
    const t = await appWith({ perIp: { limit: 1, windowSeconds: 60 } }, '2026-11-26T13:00:00.000Z');
    await t.json('/v1/conversations', { siteKey: 'test-site' }, { headers: from('198.51.100.40') });
    const before = await store.allItems();

    const refused = await t.json('/v1/conversations', { siteKey: 'test-site' }, { headers: from('198.51.100.40') });

    expect(refused.status).toBe(429);
    expect(await store.allItems()).toEqual(before);
  });

  it('refuses a chat message over its limit with 429, whatever its conversation read found, and stores nothing of it', async () => {
    // The start is the visitor's first call, counted for address and site only: their message is their first use.
    const t = await appWith({ perVisitor: { limit: 1, windowSeconds: 60 } }, '2026-11-26T13:30:00.000Z');
    const visitor = t.visitor();
    const started = await visitor.json(
      '/v1/conversations',
      { siteKey: 'test-site' },
      { headers: from('198.51.100.45') },
    );
    const { conversation } = (await started.json()) as { conversation: { id: string; visitorId: string } };
    let sent = 0;
    const say = (id: string, text: string) =>
      visitor.json(`/v1/conversations/${id}/messages`, { clientMessageId: `client-000${++sent}`, text });
    expect((await say(conversation.id, 'Lead routing')).status).toBe(201);
    const before = await store.allItems();

    const refused = await say(conversation.id, 'Scheduling');
    // A conversation id the token opens that was never started: its read finds nothing, the answer is still 429.
    const unknown = await say(
      t.visitorSessions.newConversationId({ siteKey: 'test-site', visitorId: conversation.visitorId }, t.time.clock()),
      'Scheduling',
    );

    for (const response of [refused, unknown]) {
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('60');
      expect(await response.json()).toMatchObject({ status: 429, title: 'Too many requests' });
    }
    expect(await store.allItems()).toEqual(before);
    t.time.set('2026-11-26T13:31:00.000Z');
    expect((await say(conversation.id, 'Scheduling')).status).toBe(201);
  });

  it('limits every public operation per address and documents its 429 with Retry-After', async () => {
    const t = await appWith({ perIp: { limit: 1, windowSeconds: 60 } }, '2026-11-26T14:00:00.000Z');
    const visitor = t.visitor();
    const started = await visitor.json(
      '/v1/conversations',
      { siteKey: 'test-site' },
      { headers: from('198.51.100.50') },
    );
    const conversationId = ((await started.json()) as { conversation: { id: string } }).conversation.id;
    const document = (await (await t.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { operationId: string; security?: object[]; responses: Record<string, any> }>
      >;
    };
    const publicOperations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(
          ([, op]) =>
            op.security !== undefined &&
            (op.security.length === 0 ||
              op.security.some((scheme) => Object.keys(scheme).length === 0 || 'visitorToken' in scheme)),
        )
        .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    // Nothing to abuse behind these: no store access, no visitor, no site (the edge's WAF rate rule covers them).
    const unlimited = ['getHealth', 'getSignInConfig'];
    const limited = publicOperations.filter(({ op }) => !unlimited.includes(op.operationId));

    expect(limited.map(({ op }) => op.operationId).sort()).toEqual(
      [
        'bookMeeting',
        'cancelMeeting',
        'getConversation',
        'getLiveChat',
        'getMeeting',
        'getWidgetConfig',
        'listMeetingSlots',
        'listSlots',
        'postMessage',
        'postVisitorEvent',
        'postVisitorTyping',
        'rescheduleMeeting',
        'signIn',
        'startConversation',
      ].sort(),
    );
    for (const [index, { path, method, op }] of limited.entries()) {
      expect(op.responses['429']?.headers?.['Retry-After'], op.operationId).toBeDefined();
      const address = `198.51.101.${index}`;
      const url = path
        .replace('{conversationId}', conversationId)
        .replace('{siteKey}', 'test-site')
        .replace('{meetingId}', '01JD3Q8Y8M4S0W6Q9V2ZC3MM01');
      const send = () =>
        visitor.request(url, {
          method,
          headers: { ...from(address), ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}) },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
      expect((await send()).status, op.operationId).not.toBe(429);
      expect((await send()).status, op.operationId).toBe(429);
    }
  });
});
