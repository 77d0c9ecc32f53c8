import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startStandInServer } from '../../support/stand-in-server.js';
import { aManualDelay } from '../../support/manual-delay.js';
import { createTestApp } from '../../support/test-app.js';
import type { VisitorClient } from '../../support/visitor-client.js';
import { VISITOR_TOKEN_HEADER } from '../../../functions/http/middleware/visitor-session.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const ACCOUNTS_CSV = [
  'domain,name,employees,industry,country,tier,ownerRepId',
  'globex.com,Globex Corporation,500,Software,US,1,rep-ana',
  'initech.io,Initech,150,Financial Services,US,2,rep-ben',
].join('\n');

type Visitor = {
  visitorId: string;
  stage: string;
  score: { total: number; qualifies: boolean; breakdown: Array<{ rule: string; points: number; reason: string }> };
  [key: string]: unknown;
};

describe('visitor intelligence through the API', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    const imported = await t.request('/v1/sites/test-site/accounts', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', ...(await t.bearer(['marketing'])) },
      body: ACCOUNTS_CSV,
    });
    expect(imported.status).toBe(200);
  });
  afterAll(() => store.close());

  /** The client (holding the token) of each visitor a signal created. */
  const visitors = new Map<string, VisitorClient>();
  const signal = async (event: unknown, visitorId?: string, headers: Record<string, string> = {}) => {
    const visitor = visitorId ? visitors.get(visitorId)! : t.visitor();
    const response = await visitor.json('/v1/visitor-events', { siteKey: 'test-site', event }, { headers });
    expect(response.status).toBe(200);
    const { visitorToken, ...answer } = (await response.json()) as {
      visitorId: string;
      stage: string;
      score: number | null;
      visitorToken: string;
    };
    expect(visitorToken).toEqual(expect.any(String));
    visitors.set(answer.visitorId, visitor);
    return answer;
  };
  const read = async (visitorId: string) => {
    const response = await t.request(`/v1/visitors/${visitorId}`, { headers: await t.bearer(['sales']) });
    expect(response.status).toBe(200);
    return (await response.json()) as Visitor;
  };

  it('scores the seed example by hand: 201–1000 employees + VP + core industry = 70, an MQL', async () => {
    const { visitorId } = await signal({
      type: 'page_view',
      url: 'https://test.example/',
      timeZone: 'America/Los_Angeles',
    });
    const answer = await signal(
      { type: 'identify', answers: { email: 'Ana@Globex.com', name: 'Ana', jobTitle: 'VP of Sales' } },
      visitorId,
    );

    const visitor = await read(visitorId);

    expect(answer).toEqual({ visitorId, stage: 'mql', score: 70 });
    expect(visitor.score).toEqual({
      total: 70,
      threshold: 70,
      qualifies: true,
      gates: [],
      breakdown: [
        { rule: 'company-size', category: 'demographic', points: 25, reason: '500 employees: band 201–1000' },
        { rule: 'job-level', category: 'demographic', points: 25, reason: 'job level vp-director' },
        { rule: 'industry', category: 'demographic', points: 20, reason: 'industry "Software": core target' },
      ],
    });
    expect(visitor).toMatchObject({
      stage: 'mql',
      emailKind: 'work',
      account: {
        source: 'account-list',
        domain: 'globex.com',
        matchedBy: 'email-domain',
        ownerRepId: 'rep-ana',
        tier: '1',
      },
      geo: { timeZone: 'America/Los_Angeles', source: 'browser' },
      firstTouch: { source: 'direct' },
    });
    expect(
      (visitor.scoreHistory as Array<{ total: number; stage: string }>).map(({ total, stage }) => [total, stage]),
    ).toEqual([
      [0, 'visitor'],
      [70, 'mql'],
    ]);
  });

  it('scores the same lead with a free-mail address at 60: a lead, not an MQL (company matched by name)', async () => {
    const { visitorId } = await signal({
      type: 'identify',
      answers: { email: 'ana.globex@gmail.com', company: 'Globex Corp.', jobTitle: 'Vice President, Sales' },
    });

    const visitor = await read(visitorId);

    expect(visitor.stage).toBe('lead');
    expect(visitor.score.total).toBe(60);
    expect(visitor.score.qualifies).toBe(false);
    expect(visitor.score.breakdown.map((line) => [line.rule, line.points])).toEqual([
      ['company-size', 25],
      ['job-level', 25],
      ['industry', 20],
      ['personal-email', -10],
    ]);
    expect(visitor).toMatchObject({
      emailKind: 'personal',
      account: { domain: 'globex.com', matchedBy: 'company-name' },
    });
  });

  it('recognises a disposable address from the maintained list', async () => {
    const { visitorId } = await signal({ type: 'identify', answers: { email: 'someone@mailinator.com' } });

    expect((await read(visitorId)).emailKind).toBe('disposable');
  });

  it('takes country and region from the CloudFront viewer headers', async () => {
    const { visitorId } = await signal(
      { type: 'page_view', url: 'https://test.example/pricing', timeZone: 'Europe/Paris' },
      undefined,
      {
        'CloudFront-Viewer-Country': 'PT',
        'CloudFront-Viewer-Country-Region': '11',
        'CloudFront-Viewer-Time-Zone': 'Europe/Lisbon',
      },
    );

    const visitor = await read(visitorId);
    expect(visitor.geo).toEqual({ country: 'PT', region: '11', timeZone: 'Europe/Lisbon', source: 'edge' });
    expect(visitor.score.breakdown).toEqual([
      { rule: 'behaviour:pricing-page', category: 'behaviour', points: 20, reason: 'viewed the pricing page' },
    ]);
  });

  it('scores answers given in the chat in the same request', async () => {
    const chat = t.visitor();
    const started = (await (await chat.json('/v1/conversations', { siteKey: 'test-site' })).json()) as {
      conversation: { id: string; visitorId: string };
    };
    const id = started.conversation.id;
    await chat.json(`/v1/conversations/${id}/messages`, { clientMessageId: 'chat-answer-1', text: 'Routing' });
    await chat.json(`/v1/conversations/${id}/messages`, { clientMessageId: 'chat-answer-2', text: 'ben@initech.io' });

    const visitor = await read(started.conversation.visitorId);

    expect(visitor.answers).toEqual({ need: 'Routing', email: 'ben@initech.io' });
    expect(visitor.stage).toBe('lead');
    expect(visitor.score.breakdown.map((line) => line.rule)).toEqual(['company-size', 'industry']);
    expect(visitor.score.total).toBe(15 + 10);
  });

  it('keeps a visitor of one site away from another site', async () => {
    const { visitorId } = await signal({ type: 'page_view', url: 'https://test.example/' });
    await t.deps.sites.putIfAbsent({ ...(await t.deps.sites.get('test-site'))!, siteKey: 'other-site' });
    await t.deps.rulebooks.putLiveIfAbsent(
      'other-site',
      (await t.deps.rulebooks.getLive('test-site'))!,
      '2026-11-25T09:00:00.000Z',
    );

    const before = await store.allItems();

    const named = await t.json('/v1/visitor-events', {
      siteKey: 'other-site',
      visitorId,
      event: { type: 'unsubscribe' },
    });
    const withToken = await visitors
      .get(visitorId)!
      .json('/v1/visitor-events', { siteKey: 'other-site', visitorId, event: { type: 'unsubscribe' } });

    expect([named.status, withToken.status]).toEqual([401, 403]);
    expect((await read(visitorId)).unsubscribed).toBe(false);
    expect(await store.allItems()).toEqual(before);
  });

  describe('refuses bad input without storing anything', () => {
    it.each([
      ['an unknown event type', { siteKey: 'test-site', event: { type: 'teleport' } }, 400],
      ['a page view without a URL', { siteKey: 'test-site', event: { type: 'page_view', url: 'nope' } }, 400],
      ['a malformed visitor id', { siteKey: 'test-site', visitorId: 'abc', event: { type: 'unsubscribe' } }, 400],
      ['an unknown site', { siteKey: 'no-such-site', event: { type: 'unsubscribe' } }, 404],
      [
        'an invalid email on identify',
        { siteKey: 'test-site', event: { type: 'identify', answers: { email: 'not-an-email' } } },
        400,
      ],
      [
        'a page view of a javascript: URL',
        { siteKey: 'test-site', event: { type: 'page_view', url: 'javascript:alert(1)' } },
        400,
      ],
      [
        'an unknown field inside the event',
        { siteKey: 'test-site', event: { type: 'unsubscribe', everywhere: true } },
        400,
      ],
    ])('%s', async (_name, body, status) => {
      const before = await store.allItems();

      const response = await t.json('/v1/visitor-events', body);

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await store.allItems()).toEqual(before);
    });
  });

  it('lets only signed-in marketing, sales and reps read a visitor', async () => {
    const { visitorId } = await signal({ type: 'page_view', url: 'https://test.example/' });

    const anonymous = await t.request(`/v1/visitors/${visitorId}`);
    const forged = await t.request(`/v1/visitors/${visitorId}`, {
      headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' },
    });
    const unknown = await t.request('/v1/visitors/01JD3Q8Y8M4S0W6Q9V2ZC3H7ZZ', { headers: await t.bearer(['rep']) });

    expect([anonymous.status, forged.status, unknown.status]).toEqual([401, 401, 404]);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
  });
});

const SLOWPOKE = {
  name: 'Slowpoke',
  domain: 'slowpoke.io',
  metrics: { employees: 5000 },
  category: { industry: 'Software' },
};

describe('enrichment never holds the chat up', () => {
  let store: TestStore;
  let api: Awaited<ReturnType<typeof startStandInServer>>;
  let answered = 0;
  beforeAll(async () => {
    store = await startTestStore();
    api = await startStandInServer(() => undefined);
  });
  beforeEach(() => {
    answered = 0;
  });
  afterAll(async () => {
    await api.close();
    await store.close();
  });

  it('answers within the budget with partial results when the enrichment API is slow, and retries on the next signal', async () => {
    // The visitor is known to the account list already, so only the API call waits on the budget.
    const before = await createTestApp(store);
    const first = await before.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'identify', answers: { email: 'eve@slowpoke.io', jobLevel: 'c-level' } },
    });
    const { visitorId, visitorToken } = (await first.json()) as { visitorId: string; visitorToken: string };
    const asVisitor = { headers: { [VISITOR_TOKEN_HEADER]: visitorToken } };
    const budget = aManualDelay();
    const t = await createTestApp(store, { companyApi: { baseUrl: api.url, apiKey: 'k' }, delay: budget.delay });
    let answerNow: () => void = () => undefined;
    api.respondWith((_req, res) => {
      answerNow = () => {
        answered++;
        if (!res.destroyed) json(res, 200, SLOWPOKE);
      };
    });

    const pending = t.json(
      '/v1/visitor-events',
      { siteKey: 'test-site', visitorId, event: { type: 'page_view', url: 'https://test.example/' } },
      asVisitor,
    );
    await expect.poll(() => api.requests.length).toBe(1);
    budget.elapse();
    const slow = await pending;

    // The stand-in had not answered when the request came back: the chat did not wait for it.
    expect(answered).toBe(0);
    answerNow();
    expect(slow.status).toBe(200);
    expect(((await slow.json()) as { score: number }).score).toBe(30);
    const visitor = (await (
      await t.request(`/v1/visitors/${visitorId}`, { headers: await t.bearer(['marketing']) })
    ).json()) as { company: unknown; enrichmentFailures: Array<{ provider: string; error: string }> };
    expect(visitor.company).toBeNull();
    expect(visitor.enrichmentFailures).toMatchObject([
      { provider: 'company-api', error: expect.stringContaining('timeout') },
    ]);

    api.respondWith((_req, res) => json(res, 200, SLOWPOKE));
    const retried = (await (
      await t.json(
        '/v1/visitor-events',
        { siteKey: 'test-site', visitorId, event: { type: 'page_view', url: 'https://test.example/' } },
        asVisitor,
      )
    ).json()) as { score: number };

    expect(retried.score).toBe(30 + 30 + 20);
    expect(budget.waiting).toBe(0);
  });

  it('asks the API once per domain: the answer is cached in DynamoDB', async () => {
    const t = await createTestApp(store, {
      companyApi: { baseUrl: api.url, apiKey: 'k' },
      delay: aManualDelay().delay,
    });
    api.respondWith((_req, res) => json(res, 200, { name: 'Cached', domain: 'cached.io', metrics: { employees: 60 } }));
    api.requests.length = 0;

    for (const name of ['a', 'b', 'c'])
      await t.json('/v1/visitor-events', {
        siteKey: 'test-site',
        event: { type: 'identify', answers: { email: `${name}@cached.io` } },
      });

    expect(api.requests.filter((request) => request.path.includes('domain=cached.io'))).toHaveLength(1);
  });

  it('carries on when the API fails with 5xx, 429 or garbage', async () => {
    const t = await createTestApp(store, {
      companyApi: { baseUrl: api.url, apiKey: 'k' },
      delay: aManualDelay().delay,
    });
    const answers = [
      (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 500, {}),
      (_req: unknown, res: Parameters<typeof json>[0]) => json(res, 429, {}, { 'retry-after': '5' }),
      (_req: unknown, res: Parameters<typeof json>[0]) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('<html>');
      },
    ];
    for (const [index, answer] of answers.entries()) {
      api.respondWith(answer);
      const response = await t.json('/v1/visitor-events', {
        siteKey: 'test-site',
        event: { type: 'identify', answers: { email: `x@broken${index}.io` } },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { stage: string }).stage).toBe('lead');
    }
  });
});
