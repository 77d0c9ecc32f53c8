import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/local/local-tokens.js';
import { ROLES, type Role } from '../../functions/ports/token-verifier.js';
import { VISITOR_TOKEN_HEADER } from '../../functions/http/middleware/visitor-session.js';
import { aMeeting, aRoutingDecision, aSite } from '../fixtures/builders.js';
import { aManualClock } from '../fixtures/live-chat.js';
import type { VisitorClient } from '../support/visitor-client.js';
import { aVisitor } from '../fixtures/visitors.js';
import { createTestApp, TEST_SECRET } from '../support/test-app.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

interface Access {
  roles: Role[];
  site: 'param' | 'none' | 'all' | 'unscoped';
}
interface VisitorAccess {
  token: 'required' | 'optional';
  conversation?: 'param';
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  access: Access | undefined;
  visitor: VisitorAccess | undefined;
  security: unknown;
}

const ULID = '01JD3Q8Y8M4S0W6Q9V2ZC3H7ZZ';
const VISITOR_ID = '01JD3Q8Y8M4S0W6Q9V2ZC3AV01';
const CONVERSATION_ID = '01JD3Q8Y8M4S0W6Q9V2ZC3AC01';
const MEETING_ID = '01JD3Q8Y8M4S0W6Q9V2ZC3AM01';

/**
 * Operations whose path names no site: the use case finds the record's site and owner itself. Each
 * reads a record of test-site owned by rep-ana; a new such operation fails this test until it is added.
 */
const recordPaths: Record<string, string> = {
  getVisitor: `/v1/visitors/${VISITOR_ID}`,
  getSyncStatus: `/v1/visitors/${VISITOR_ID}/sync-status`,
  getRoutingDecision: `/v1/conversations/${CONVERSATION_ID}/routing-decision`,
  markNoShow: `/v1/meetings/${MEETING_ID}/no-show`,
};

const claims = (payload: Record<string, unknown> = {}) => ({ roles: ['admin'], sites: ['test-site'], ...payload });
const signed = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' });

/** Tokens that must never get past authentication, whatever roles they claim. */
const badTokens: Record<string, () => Promise<string>> = {
  expired: () =>
    signed(claims())
      .setSubject('u')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(TEST_SECRET),
  'wrong issuer': () =>
    signed(claims())
      .setSubject('u')
      .setIssuer('someone-else')
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(TEST_SECRET),
  'wrong audience': () =>
    signed(claims())
      .setSubject('u')
      .setIssuer(LOCAL_ISSUER)
      .setAudience('another-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(TEST_SECRET),
  'no audience': () =>
    signed(claims()).setSubject('u').setIssuer(LOCAL_ISSUER).setIssuedAt().setExpirationTime('1h').sign(TEST_SECRET),
  'alg none': async () =>
    new UnsecuredJWT(claims())
      .setSubject('u')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode(),
  'no exp': () =>
    signed(claims())
      .setSubject('u')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .sign(TEST_SECRET),
  'another secret': () =>
    signed(claims())
      .setSubject('u')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-for-hs256')),
};

describe('who may call every operation of the OpenAPI document', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let operations: Operation[];
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    const document = (await (await t.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { operationId: string; security?: unknown; 'x-baton-access'?: Access; 'x-baton-visitor'?: VisitorAccess }
        >
      >;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        access: op['x-baton-access'],
        visitor: op['x-baton-visitor'],
        security: op.security,
      })),
    );
    await t.deps.visitors.save(
      aVisitor({
        visitorId: VISITOR_ID,
        version: 1,
        account: {
          source: 'account-list',
          domain: 'acme.test',
          name: 'Acme',
          employees: 500,
          industry: null,
          country: null,
          region: null,
          ownerRepId: 'rep-ana',
        },
      }),
    );
    await t.deps.decisions.save(aRoutingDecision({ conversationId: CONVERSATION_ID, visitorId: VISITOR_ID }));
    await t.deps.meetings.put(aMeeting({ meetingId: MEETING_ID, repId: 'rep-ana' }));
  });
  afterAll(() => store.close());

  const pathOf = (op: Operation) =>
    recordPaths[op.operationId] ??
    op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'siteKey' ? 'test-site' : name === 'repId' ? 'rep-ana' : name === 'poolId' ? 'inbound' : ULID,
    );
  const call = (op: Operation, headers: Record<string, string> = {}) =>
    t.request(pathOf(op), { method: op.method, headers });
  const as = async (roles: Role[], claimsOf: { sites?: string[]; repId?: string | null; userId?: string } = {}) => ({
    Authorization: `Bearer ${await t.tokenFor(roles, claimsOf.userId ?? 'user-1', claimsOf)}`,
  });
  const protectedOps = () => operations.filter((op) => op.access);

  it('declares for every operation either who may call it or that it is public', () => {
    const undeclared = operations
      .filter((op) => !op.access && !op.visitor && !(Array.isArray(op.security) && op.security.length === 0))
      .map((op) => op.operationId);
    expect(undeclared).toEqual([]);
    expect(protectedOps().length).toBeGreaterThan(10);
    const unscoped = protectedOps()
      .filter((op) => op.access?.site === 'none' && !recordPaths[op.operationId])
      .map((op) => op.operationId);
    expect(unscoped).toEqual([]);
  });

  it('answers 401 to a protected operation called without a token or with a token this deployment must not accept', async () => {
    const statuses: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    for (const op of protectedOps()) {
      statuses[op.operationId] = { 'no token': (await call(op)).status };
      expected[op.operationId] = { 'no token': 401 };
      for (const [name, make] of Object.entries(badTokens)) {
        statuses[op.operationId]![name] = (await call(op, { Authorization: `Bearer ${await make()}` })).status;
        expected[op.operationId]![name] = 401;
      }
    }
    expect(statuses).toEqual(expected);
  });

  it('lets each role through exactly where the route declares it (admins everywhere) and answers 403 elsewhere', async () => {
    const refused: Record<string, Role[]> = {};
    const expected: Record<string, Role[]> = {};
    for (const op of protectedOps()) {
      refused[op.operationId] = [];
      expected[op.operationId] = ROLES.filter((role) => role !== 'admin' && !op.access!.roles.includes(role));
      for (const role of ROLES) {
        const status = (await call(op, await as([role], { userId: 'rep-ana' }))).status;
        expect(status, `${op.operationId} as ${role}`).not.toBe(401);
        if (status === 403) refused[op.operationId]!.push(role);
      }
    }
    expect(refused).toEqual(expected);
  });

  it("refuses a role held on another site: 403 where the path names the site or it needs every site, 404 for another site's record", async () => {
    const statuses: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const op of protectedOps().filter((op) => op.access!.site !== 'unscoped')) {
      statuses[op.operationId] = (await call(op, await as(op.access!.roles, { sites: ['other-site'] }))).status;
      expected[op.operationId] = op.access!.site === 'none' ? 404 : 403;
    }
    expect(statuses).toEqual(expected);
  });

  it("refuses a rep another rep's records, and lets the owning rep read them", async () => {
    const ownerPasses: Record<string, boolean> = {};
    const other: Record<string, number> = {};
    const repOps = protectedOps().filter((op) => op.access!.site === 'none' && op.access!.roles.includes('rep'));
    for (const op of repOps) {
      other[op.operationId] = (await call(op, await as(['rep'], { userId: 'rep-ben' }))).status;
      const own = (await call(op, await as(['rep'], { userId: 'rep-ana' }))).status;
      ownerPasses[op.operationId] = own !== 403 && own !== 404;
    }
    expect(other).toEqual(Object.fromEntries(repOps.map((op) => [op.operationId, 403])));
    expect(ownerPasses).toEqual(Object.fromEntries(repOps.map((op) => [op.operationId, true])));
  });

  it('never asks for a token on a public operation that names no visitor', async () => {
    const statuses = await Promise.all(
      operations
        .filter((op) => !op.access && op.visitor?.token !== 'required')
        .map(async (op) => [op.operationId, (await call(op)).status] as const),
    );
    expect(statuses.filter(([, status]) => status === 401 || status === 403)).toEqual([]);
  });
});

/**
 * The visitor dimension: every public operation about one visitor, called with no visitor token, a
 * token this deployment did not sign, an expired one, another visitor's and another site's visitor's.
 */
describe("who may act for a visitor: every visitor operation × the visitor's token", () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const clock = aManualClock('2026-11-26T10:00:00.000Z');
  let operations: Operation[];
  let ana: VisitorClient;
  let ben: VisitorClient;
  let otherSite: VisitorClient;
  let conversationId: string;
  let anaId: string;
  /** The bodies of the operations a first call may make without a token; a new one fails the test until added. */
  const firstCalls: Record<string, (visitorId?: string) => Record<string, unknown>> = {
    startConversation: (visitorId) => ({ siteKey: 'test-site', ...(visitorId ? { visitorId } : {}) }),
    postVisitorEvent: (visitorId) => ({
      siteKey: 'test-site',
      ...(visitorId ? { visitorId } : {}),
      event: { type: 'page_view', url: 'https://test.example/' },
    }),
  };

  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store, { clock });
    const document = (await (await t.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; 'x-baton-visitor'?: VisitorAccess }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        access: undefined,
        visitor: op['x-baton-visitor'],
        security: undefined,
      })),
    );
    await t.deps.sites.putIfAbsent(aSite({ siteKey: 'other-site' }));
    await t.deps.rulebooks.putLiveIfAbsent(
      'other-site',
      (await t.deps.rulebooks.getLive('test-site'))!,
      '2026-11-25T09:00:00.000Z',
    );
    ana = t.visitor();
    ben = t.visitor();
    otherSite = t.visitor();
    const started = await ana.json('/v1/conversations', { siteKey: 'test-site' });
    const { conversation } = (await started.json()) as { conversation: { id: string; visitorId: string } };
    conversationId = conversation.id;
    anaId = conversation.visitorId;
    expect((await ben.json('/v1/conversations', { siteKey: 'test-site' })).status).toBe(201);
    expect((await otherSite.json('/v1/conversations', { siteKey: 'other-site' })).status).toBe(201);
  });
  afterAll(() => store.close());

  const visitorOps = () => operations.filter((op) => op.visitor?.token === 'required');
  const call = (op: Operation, headers: Record<string, string>) =>
    t.request(op.path.replace('{conversationId}', conversationId), {
      method: op.method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(op.method === 'GET' ? {} : { body: '{}' }),
    });
  const withToken = (token: string | undefined) => ({ [VISITOR_TOKEN_HEADER]: token ?? '' });

  it("declares every conversation operation as the visitor's, and knows each first call", () => {
    expect(visitorOps().map((op) => op.operationId)).toEqual(
      expect.arrayContaining(['postMessage', 'getConversation', 'listSlots', 'bookMeeting', 'getLiveChat']),
    );
    expect(visitorOps().every((op) => op.visitor?.conversation === 'param')).toBe(true);
    const optional = operations.filter((op) => op.visitor?.token === 'optional').map((op) => op.operationId);
    expect(optional.sort()).toEqual(Object.keys(firstCalls).sort());
  });

  it("answers 401 without the visitor's token or with one not signed here or expired, 403 with another visitor's or another site's, and lets the owner through", async () => {
    const forged = `${ana.token!.slice(0, -4)}AAAA`;
    const statuses: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    const before = await store.allItems();
    for (const op of visitorOps()) {
      statuses[op.operationId] = {
        'no token': (await call(op, {})).status,
        forged: (await call(op, withToken(forged))).status,
        "another visitor's": (await call(op, withToken(ben.token))).status,
        "another site's": (await call(op, withToken(otherSite.token))).status,
      };
      expected[op.operationId] = { 'no token': 401, forged: 401, "another visitor's": 403, "another site's": 403 };
    }
    expect(statuses).toEqual(expected);
    expect(await store.allItems()).toEqual(before);

    for (const op of visitorOps()) {
      const own = (await call(op, withToken(ana.token))).status;
      expect(own, op.operationId).not.toBe(401);
      expect(own, op.operationId).not.toBe(403);
    }

    // Ana's own token, as issued a year and a day ago: past the lifetime.
    const yearAgo = new Date(clock().getTime() - 366 * 24 * 3600 * 1000);
    const stale = t.visitorSessions.issue({ siteKey: 'test-site', visitorId: anaId }, yearAgo);
    const expired = await Promise.all(visitorOps().map(async (op) => (await call(op, withToken(stale))).status));
    expect(new Set(expired)).toEqual(new Set([401]));
  });

  it("refuses a first call that names a visitor without their token, or another site's, and stores nothing", async () => {
    const before = await store.allItems();
    const statuses: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    for (const op of operations.filter((candidate) => candidate.visitor?.token === 'optional')) {
      const body = firstCalls[op.operationId]!;
      const send = (visitorBody: Record<string, unknown>, headers: Record<string, string>) =>
        t.json(op.path, visitorBody, { headers });
      statuses[op.operationId] = {
        'an id without its token': (await send(body(anaId), {})).status,
        "another visitor's token with the id": (await send(body(anaId), withToken(ben.token))).status,
        "another site's token": (await send(body(), withToken(otherSite.token))).status,
      };
      expected[op.operationId] = {
        'an id without its token': 401,
        "another visitor's token with the id": 403,
        "another site's token": 403,
      };
    }
    expect(statuses).toEqual(expected);
    expect(await store.allItems()).toEqual(before);
  });
});
