import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../support/test-store.js';
import { createTestApp } from '../../support/test-app.js';

const event = (method: string, path: string, body?: unknown): LambdaEvent =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.com', 'content-type': 'application/json' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: 'lambda-request-1',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795600800000,
    },
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  }) satisfies APIGatewayProxyEventV2 as unknown as LambdaEvent;

describe('the API on Lambda (API Gateway HTTP API payload 2.0)', () => {
  let store: TestStore;
  let handler: ReturnType<typeof handle>;
  beforeAll(async () => {
    store = await startTestStore();
    handler = handle((await createTestApp(store)).app);
  });
  afterAll(() => store.close());

  it('serves the same routes as the local server', async () => {
    const result = (await handler(event('POST', '/v1/conversations', { siteKey: 'test-site' }), {} as Context)) as {
      statusCode: number;
      body: string;
    };

    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body).messages[0]).toMatchObject({ role: 'bot', text: 'Hello there.' });
  });

  it('answers malformed JSON with problem+json', async () => {
    const result = (await handler(event('POST', '/v1/conversations', '{oops'), {} as Context)) as {
      statusCode: number;
      headers: Record<string, string>;
    };

    expect(result.statusCode).toBe(400);
    expect(result.headers['content-type']).toBe('application/problem+json');
  });
});
