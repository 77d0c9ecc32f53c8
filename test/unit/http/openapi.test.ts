import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../support/test-store.js';
import { createTestApp } from '../../support/test-app.js';

describe('the OpenAPI document', () => {
  let store: TestStore;
  let document: Record<string, any>;
  let app: Awaited<ReturnType<typeof createTestApp>>['app'];
  beforeAll(async () => {
    store = await startTestStore();
    app = (await createTestApp(store)).app;
    document = (await (await app.request('/openapi.json')).json()) as Record<string, any>;
  });
  afterAll(() => store.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('names every operation with a unique camelCase verb-noun operationId', () => {
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (item) => Object.values(item).map((op) => op.operationId),
    );

    expect(ids).toEqual(expect.arrayContaining(['startConversation', 'postMessage', 'getConversation']));
    for (const id of ids) expect(id).toMatch(/^[a-z]+[A-Z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents problem+json for error responses', () => {
    expect(document.paths['/v1/conversations'].post.responses['400'].content).toHaveProperty([
      'application/problem+json',
    ]);
  });

  it('renders a readable reference at /docs listing every operation', async () => {
    const html = await (await app.request('/docs')).text();

    for (const id of ['startConversation', 'postMessage', 'getConversation']) expect(html).toContain(`id="${id}"`);
  });
});
