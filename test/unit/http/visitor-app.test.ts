import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/create-app.js';
import { ACCESS_EXTENSION } from '../../../functions/http/middleware/authorize.js';
import type { RouteGroup } from '../../../functions/http/create-app.js';
import { appOnFirstRequest } from '../../../functions/http/route-groups/on-first-request.js';
import { visitorRoutes } from '../../../functions/http/route-groups/visitor-routes.js';
import { visitorRoutesOnFirstRequest } from '../../../functions/http/route-groups/visitor-routes-on-first-request.js';
import { aSite } from '../../fixtures/builders.js';
import { silentLogger } from '../../support/silent-logger.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

type Operations = Record<string, Record<string, { operationId: string; [ACCESS_EXTENSION]?: unknown }>>;
const pathsOf = (app: { openAPIRegistry: { definitions: { type: string; route?: { path: string } }[] } }) => [
  ...new Set(
    app.openAPIRegistry.definitions.flatMap((definition) => (definition.route ? [definition.route.path] : [])),
  ),
];
const operationsOf = (app: { getOpenAPI31Document: (config: never) => unknown }) => {
  const { paths } = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } } as never) as {
    paths: Operations;
  };
  return Object.values(paths).flatMap((methods) => Object.values(methods));
};

describe('the visitor function’s app (only the public route group mounted)', () => {
  let store: TestStore;
  let full: Awaited<ReturnType<typeof createTestApp>>;
  let visitorApp: ReturnType<typeof createApp>;
  /** As the visitor function serves it: each route module read by the first request to one of its paths. */
  let deployedApp: ReturnType<typeof appOnFirstRequest>;
  const appWith = (routes: readonly RouteGroup[]) =>
    createApp({
      deps: full.deps,
      logger: silentLogger(),
      verifier: { verify: () => Promise.reject(new Error('no tokens here')) },
      visitorSessions: full.visitorSessions,
      routes,
      documents: false,
    });
  beforeAll(async () => {
    store = await startTestStore();
    full = await createTestApp(store);
    visitorApp = appWith([visitorRoutes]);
    deployedApp = appOnFirstRequest(visitorRoutesOnFirstRequest, appWith);
  });
  afterAll(() => store.close());

  it('serves every operation a visitor’s browser calls, and none that asks for a token', () => {
    const operations = operationsOf(visitorApp);

    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      [
        'bookMeeting',
        'cancelMeeting',
        'getConversation',
        'getHealth',
        'getLiveChat',
        'getMeeting',
        'getWidgetConfig',
        'listMeetingSlots',
        'listSlots',
        'postMessage',
        'postVisitorEvent',
        'postVisitorTyping',
        'rescheduleMeeting',
        'startConversation',
      ].sort(),
    );
    expect(operations.filter((operation) => operation[ACCESS_EXTENSION])).toEqual([]);
  });

  it('leaves every operation that declares access to the console’s app, which serves the visitor’s too', () => {
    const visitorIds = new Set(operationsOf(visitorApp).map((operation) => operation.operationId));
    const fullOperations = operationsOf(full.app);

    const missingFromFull = [...visitorIds].filter(
      (id) => !fullOperations.some((operation) => operation.operationId === id),
    );
    expect(missingFromFull).toEqual([]);
    const publicLeftOut = fullOperations
      .filter((operation) => !operation[ACCESS_EXTENSION] && !visitorIds.has(operation.operationId))
      .map((operation) => operation.operationId);
    // Signing in is the console's, though it takes no token.
    expect(publicLeftOut.sort()).toEqual(['getSignInConfig', 'signIn']);
  });

  it('reads each public route module on a first request to exactly the paths its routes declare', async () => {
    const declared: string[] = [];
    for (const group of visitorRoutesOnFirstRequest) {
      const served = pathsOf(appWith([await group.load()]));
      expect([...group.paths].sort()).toEqual(served.filter((path) => path !== '/health').sort());
      declared.push(...group.paths);
    }
    // Together they are the public route group, and no path is two groups'.
    expect(declared.sort()).toEqual(
      pathsOf(visitorApp)
        .filter((path) => path !== '/health')
        .sort(),
    );
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('answers as the app with every public route mounted, whichever group a request reaches first', async () => {
    const site = aSite().siteKey;
    const requests: [string, RequestInit?][] = [
      [`/v1/sites/${site}/widget-config?language=de`],
      ['/v1/conversations/01JABCDEFGHJKMNPQRSTVWXYZ0/slots?timeZone=Europe/Paris'],
      [
        '/v1/conversations',
        { method: 'POST', body: '{"siteKey": 5}', headers: { 'content-type': 'application/json' } },
      ],
      ['/v1/visitor-events', { method: 'POST', body: 'not json', headers: { 'content-type': 'application/json' } }],
      ['/v1/meetings/01JABCDEFGHJKMNPQRSTVWXYZ0?token=x'],
      ['/v1/conversations/01JABCDEFGHJKMNPQRSTVWXYZ0/typing', { method: 'POST' }],
      ['/v1/conversations', { method: 'DELETE' }],
      ['/v1/nothing-here'],
      [
        '/v1/conversations',
        { method: 'OPTIONS', headers: { origin: 'https://a.test', 'access-control-request-method': 'POST' } },
      ],
    ];
    for (const [path, init] of requests) {
      const [deployed, mounted] = [await deployedApp.request(path, init), await visitorApp.request(path, init)];
      const label = `${init?.method ?? 'GET'} ${path}`;

      expect(deployed.status, label).toBe(mounted.status);
      expect(deployed.headers.get('content-type'), label).toBe(mounted.headers.get('content-type'));
      expect(deployed.headers.get('access-control-allow-methods'), label).toBe(
        mounted.headers.get('access-control-allow-methods'),
      );
      expect(await deployed.text(), label).toBe(await mounted.text());
    }
  });

  it('answers as the full app does, and a console path below a public one with 404', async () => {
    const path = `/v1/sites/${aSite().siteKey}/widget-config`;
    const fromVisitor = await deployedApp.request(path);
    const fromFull = await full.request(path);

    expect(fromVisitor.status).toBe(200);
    expect(await fromVisitor.json()).toEqual(await fromFull.json());
    const decision = await deployedApp.request('/v1/conversations/01JABCDEFGHJKMNPQRSTVWXYZ0/routing-decision');
    expect(decision.status).toBe(404);
    expect(decision.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves no OpenAPI document or reference page: those paths go to the API function, which has the generator', async () => {
    for (const path of ['/openapi.json', '/docs']) {
      const answer = await deployedApp.request(path);

      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toContain('application/problem+json');
    }
    expect((await full.request('/openapi.json')).status).toBe(200);
  });
});
