import { serve, type ServerType } from '@hono/node-server';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const LIMIT = 2_048;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * The app as the local runtime serves it (@hono/node-server on a socket): its request and answer objects are
 * that server's own, unlike app.request(). A body given as chunks goes out without a stated length.
 */
function send(
  port: number,
  method: string,
  path: string,
  body?: { json: unknown; chunked?: boolean },
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        text += chunk;
      });
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
    });
    outgoing.on('error', reject);
    if (body) {
      const text = JSON.stringify(body.json);
      outgoing.setHeader('content-type', 'application/json');
      if (body.chunked) {
        outgoing.setHeader('transfer-encoding', 'chunked');
        for (let at = 0; at < text.length; at += 500) outgoing.write(text.slice(at, at + 500));
      } else outgoing.setHeader('content-length', Buffer.byteLength(text));
      outgoing.end(body.chunked ? undefined : text);
    } else outgoing.end();
  });
}

describe('answers over the node server', () => {
  let store: TestStore;
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    store = await startTestStore();
    const t = await createTestApp(store, { maxBodyBytes: LIMIT });
    server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  it('a visitor answer carries CORS, the request id and nosniff', async () => {
    const answer = await send(
      port,
      'POST',
      '/v1/conversations',
      { json: { siteKey: 'test-site' } },
      {
        'x-request-id': 'trace-cors-1',
      },
    );

    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ conversation: { id: expect.any(String) } });
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'X-Request-Id',
      'x-request-id': 'trace-cors-1',
      'x-content-type-options': 'nosniff',
      'content-type': 'application/json',
    });
  });

  it('a problem answer carries them too', async () => {
    const answer = await send(port, 'GET', '/v1/nothing-here');

    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('a preflight is answered with what a browser may send', async () => {
    const answer = await send(port, 'OPTIONS', '/v1/conversations', undefined, {
      origin: 'https://www.example.com',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });

    expect(answer.status).toBe(204);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'Content-Type,X-Request-Id,X-Baton-Visitor-Token',
      'access-control-max-age': '600',
      'x-content-type-options': 'nosniff',
    });
    expect(answer.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('an answer outside the API carries the request id and nosniff, and no CORS', async () => {
    const answer = await send(port, 'GET', '/health', undefined, { 'x-request-id': 'trace-health-1' });

    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'x-request-id': 'trace-health-1', 'x-content-type-options': 'nosniff' });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['of stated length', false],
    ['sent in chunks without a length', true],
  ])('a body %s over the limit is refused with 413', async (_kind, chunked) => {
    const answer = await send(port, 'POST', '/v1/conversations', {
      json: { siteKey: 'test-site', language: 'x'.repeat(LIMIT) },
      chunked,
    });

    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers).toMatchObject({ 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' });
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 413,
      detail: `This request body is limited to ${LIMIT} bytes.`,
    });
  });

  it.each([
    ['of stated length', false],
    ['sent in chunks without a length', true],
  ])('a body %s at the limit is read', async (_kind, chunked) => {
    const padding = LIMIT - JSON.stringify({ siteKey: 'test-site', language: '' }).length;
    const answer = await send(port, 'POST', '/v1/conversations', {
      json: { siteKey: 'test-site', language: 'x'.repeat(padding) },
      chunked,
    });

    // Read and validated: the language is too long for the schema, which answers 400, not 413.
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ pointer: '/language', in: 'body' }] });
  });
});
