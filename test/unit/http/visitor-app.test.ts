import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/create-app.js';
import { ACCESS_EXTENSION } from '../../../functions/http/middleware/authorize.js';
import { visitorRoutes } from '../../../functions/http/route-groups/visitor-routes.js';
import { aSite } from '../../fixtures/builders.js';
import { silentLogger } from '../../support/silent-logger.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

type Operations = Record<string, Record<string, { operationId: string; [ACCESS_EXTENSION]?: unknown }>>;
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
  beforeAll(async () => {
    store = await startTestStore();
    full = await createTestApp(store);
    visitorApp = createApp({
      deps: full.deps,
      logger: silentLogger(),
      verifier: { verify: () => Promise.reject(new Error('no tokens here')) },
      visitorSessions: full.visitorSessions,
      routes: [visitorRoutes],
      documents: false,
    });
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

  it('answers a public request as the full app does, and a console path below a public one with 404', async () => {
    const path = `/v1/sites/${aSite().siteKey}/widget-config`;
    const fromVisitor = await visitorApp.request(path);
    const fromFull = await full.request(path);

    expect(fromVisitor.status).toBe(200);
    expect(await fromVisitor.json()).toEqual(await fromFull.json());
    const decision = await visitorApp.request('/v1/conversations/01JABCDEFGHJKMNPQRSTVWXYZ0/routing-decision');
    expect(decision.status).toBe(404);
    expect(decision.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves no OpenAPI document or reference page: those paths go to the API function, which has the generator', async () => {
    for (const path of ['/openapi.json', '/docs']) {
      const answer = await visitorApp.request(path);

      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toContain('application/problem+json');
    }
    expect((await full.request('/openapi.json')).status).toBe(200);
  });
});
