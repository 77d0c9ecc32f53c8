import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openLoop } from '../../../bench/open-loop.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that answers each POST with the status its path names and records the bodies it got, in order. */
async function answering(received: string[]) {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(body);
      response.writeHead(Number(request.url!.slice(1))).end('{}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the benchmark open loop', () => {
  it('sends rate × seconds requests, each made when due from its number, and counts every answer', async () => {
    const received: string[] = [];
    const base = await answering(received);

    const { result, paths } = await openLoop(base, {
      rate: 100,
      seconds: 0.12,
      next: (n) => ({ path: '/201', headers: { 'content-type': 'application/json' }, body: `{"n":${n}}` }),
    });

    expect(result.requests).toBe(12);
    expect(paths).toHaveLength(12);
    expect(received.map((body) => JSON.parse(body).n).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(result.errors).toBe(0);
    expect(result.p99_ms).toBeGreaterThanOrEqual(result.p50_ms);
  });

  it('counts an answer that is not a success as an error, as autocannon counts non-2xx', async () => {
    const base = await answering([]);

    const { result } = await openLoop(base, {
      rate: 100,
      seconds: 0.05,
      next: (n) => ({ path: n % 2 === 0 ? '/201' : '/429', headers: {}, body: '{}' }),
    });

    expect(result).toMatchObject({ requests: 5, errors: 2 });
  });

  it('counts a request the server never answers (connection refused) as an error, not a hang', async () => {
    const base = await answering([]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;

    const { result } = await openLoop(base, {
      rate: 100,
      seconds: 0.03,
      next: () => ({ path: '/201', headers: {}, body: '' }),
    });

    expect(result).toMatchObject({ requests: 3, errors: 3 });
  });
});
