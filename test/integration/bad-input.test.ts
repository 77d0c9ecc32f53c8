import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISITOR_TOKEN_HEADER } from '../../functions/http/middleware/visitor-session.js';
import { createTestApp } from '../support/test-app.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

type Operation = { method: string; path: string; operationId: string; hasBody: boolean };

describe('bad input to every operation', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let operations: Operation[];
  let auth: Record<string, string>;
  let ownConversation: string;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    // A visitor's token as well, so fuzzed visitor operations get past the session to validation.
    const visitor = t.visitor();
    const started = await visitor.json('/v1/conversations', { siteKey: 'test-site' });
    ownConversation = ((await started.json()) as { conversation: { id: string } }).conversation.id;
    auth = { ...(await t.bearer(['admin', 'marketing', 'sales'])), [VISITOR_TOKEN_HEADER]: visitor.token! };
    const document = (await (await t.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        hasBody: op.requestBody !== undefined,
      })),
    );
  });
  afterAll(() => store.close());

  const pathParam = fc.oneof(
    fc.constant('test-site'),
    fc.constant('own-conversation'),
    fc.constant('01JD3Q8Y8M4S0W6Q9V2ZC3H7ZZ'),
    fc.string({ maxLength: 40 }),
    fc.constant('%00'),
    fc.constant('..'),
  );

  it('never answers 5xx, and answers every refusal with problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }),
        pathParam,
        fc.jsonValue({ maxDepth: 4 }),
        fc.string({ maxLength: 30 }),
        async (index, param, body, query) => {
          const op = operations[index % operations.length]!;
          const value = param === 'own-conversation' ? ownConversation : param;
          const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(value));
          const response = await t.request(
            `${path}?timeZone=${encodeURIComponent(query)}&token=${encodeURIComponent(query)}&limit=${encodeURIComponent(query)}`,
            {
              method: op.method,
              headers: { ...auth, ...(op.hasBody ? { 'Content-Type': 'application/json' } : {}) },
              ...(op.hasBody ? { body: JSON.stringify(body) } : {}),
            },
          );
          const text = await response.text();
          if (response.status >= 500)
            throw new Error(
              `${op.method} ${path} (${op.operationId}) answered ${response.status}: ${text.slice(0, 300)}`,
            );
          if (response.status >= 400) expect(response.headers.get('content-type')).toBe('application/problem+json');
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);
});
