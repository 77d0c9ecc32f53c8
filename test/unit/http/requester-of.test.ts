import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requesterOf } from '../../../functions/http/requester-of.js';

const app = new Hono().get('/', (c) => c.json(requesterOf(c)));
const ask = async (headers: Record<string, string>, env?: unknown) => (await app.request('/', { headers }, env)).json();

describe('who sent a request', () => {
  it.each([
    [
      "CloudFront's viewer address before the HTTP API's source (the distribution's own address)",
      { 'cloudfront-viewer-address': '203.0.113.9:51324' },
      { requestContext: { http: { sourceIp: '130.176.1.1' } } },
      '203.0.113.9',
    ],
    [
      'an IPv6 viewer address without its port',
      { 'cloudfront-viewer-address': '2001:db8::7:443' },
      undefined,
      '2001:db8::7',
    ],
    ['the HTTP API source in Lambda', {}, { requestContext: { http: { sourceIp: '198.51.100.4' } } }, '198.51.100.4'],
    ['the socket on the local server', {}, { incoming: { socket: { remoteAddress: '127.0.0.1' } } }, '127.0.0.1'],
    ['nobody known', {}, undefined, null],
  ])('%s', async (_, headers, env, address) => {
    expect(await ask({ ...headers, 'user-agent': 'Firefox/140' }, env)).toEqual({ address, userAgent: 'Firefox/140' });
  });

  it('has no user agent when the browser sent none', async () => {
    expect(await ask({})).toEqual({ address: null, userAgent: null });
  });
});
