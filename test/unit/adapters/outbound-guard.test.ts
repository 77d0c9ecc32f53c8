import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertAllowedDestination,
  guardedFetch,
  isAllowedAddress,
  outboundPolicy,
  type Resolver,
} from '../../../functions/adapters/http/outbound-guard.js';

/** A DNS that answers from a table: names point wherever the test says, no network involved. */
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('which addresses an outbound request may reach', () => {
  it.each([
    ['10.0.0.1'],
    ['10.255.255.255'],
    ['172.16.0.1'],
    ['172.31.255.255'],
    ['192.168.1.1'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['0.0.0.0'],
    ['224.0.0.1'],
    ['255.255.255.255'],
    ['fe80::1'],
    ['fc00::1'],
    ['fd12:3456::1'],
    ['::'],
    ['::ffff:10.0.0.1'],
    ['::ffff:a9fe:a9fe'],
  ])('refuses the non-public address %s', (address) => {
    expect(isAllowedAddress(address, { allowLoopback: true })).toBe(false);
  });

  it.each([['8.8.8.8'], ['172.15.255.255'], ['172.32.0.1'], ['11.0.0.1'], ['2606:4700:4700::1111']])(
    'allows the public address %s',
    (address) => {
      expect(isAllowedAddress(address, { allowLoopback: false })).toBe(true);
    },
  );

  it.each([['127.0.0.1'], ['127.8.9.10'], ['::1'], ['::ffff:127.0.0.1'], ['::ffff:7f00:1']])(
    'allows the loopback address %s only with the development setting',
    (address) => {
      expect(isAllowedAddress(address, { allowLoopback: false })).toBe(false);
      expect(isAllowedAddress(address, { allowLoopback: true })).toBe(true);
    },
  );
});

describe('the guarded fetch', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/feed.ics') return res.end('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
      if (req.url === '/to-metadata')
        return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/to-internal-name')
        return res.writeHead(301, { location: `http://intranet.corp.test:${port}/feed.ics` }).end();
      if (req.url === '/to-feed') return res.writeHead(307, { location: '/feed.ics' }).end();
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/big') return res.end('x'.repeat(2048));
      if (req.url === '/big-chunked') {
        res.write('x'.repeat(700));
        return res.end('x'.repeat(700));
      }
      if (req.url === '/never') return; // answers nothing: the time limit must end it
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const dns = () =>
    fakeDns({
      'calendar.test': ['127.0.0.1'],
      'intranet.corp.test': ['10.1.2.3'],
      'mixed.test': ['93.184.216.34', '192.168.0.10'],
      'metadata.test': ['169.254.169.254'],
    });
  const development = (overrides: Partial<Parameters<typeof outboundPolicy>[0]> = {}) =>
    guardedFetch(outboundPolicy({ allowLoopback: true, resolve: dns(), ...overrides }));
  const production = () => guardedFetch(outboundPolicy({ allowLoopback: false, resolve: dns() }));

  it('reaches a loopback stand-in by name with the development setting on', async () => {
    const response = await development()(`http://calendar.test:${port}/feed.ics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('BEGIN:VCALENDAR');
  });

  it('refuses plain http and loopback by default (as in Lambda)', async () => {
    await expect(production()(`http://calendar.test:${port}/feed.ics`)).rejects.toThrow(/http: is not allowed/);
    await expect(production()(`https://calendar.test:${port}/feed.ics`)).rejects.toThrow(/non-public address/);
    await expect(production()(`https://127.0.0.1:${port}/feed.ics`)).rejects.toThrow(/non-public address/);
  });

  it('refuses other schemes and credentials in the URL', async () => {
    await expect(development()('file:///etc/passwd')).rejects.toThrow(/file: is not allowed/);
    await expect(development()('ftp://calendar.test/feed.ics')).rejects.toThrow(/ftp: is not allowed/);
    await expect(development()(`http://user:secret@calendar.test:${port}/feed.ics`)).rejects.toThrow(/credentials/);
  });

  it('refuses a name that resolves to a private or link-local address, even when another of its addresses is public', async () => {
    await expect(production()('https://intranet.corp.test/feed.ics')).rejects.toThrow(/non-public address/);
    await expect(production()('https://metadata.test/latest/meta-data/')).rejects.toThrow(/non-public address/);
    await expect(production()('https://mixed.test/feed.ics')).rejects.toThrow(/non-public address/);
    await expect(production()('https://[::ffff:a9fe:a9fe]/')).rejects.toThrow(/non-public address/);
  });

  it('checks every redirect: a stand-in may send on to itself, never to the metadata address or an internal host', async () => {
    const followed = await development()(`http://calendar.test:${port}/to-feed`);
    expect(await followed.text()).toContain('BEGIN:VCALENDAR');
    await expect(development()(`http://calendar.test:${port}/to-metadata`)).rejects.toThrow(/non-public address/);
    await expect(development()(`http://calendar.test:${port}/to-internal-name`)).rejects.toThrow(/non-public address/);
    await expect(development()(`http://calendar.test:${port}/loop`)).rejects.toThrow(/more than 3 redirects/);
  });

  it('stops a response over the size limit, declared or streamed, and allows one at the limit', async () => {
    await expect(development({ maxBytes: 1024 })(`http://calendar.test:${port}/big`)).rejects.toThrow(
      /larger than 1024/,
    );
    await expect(development({ maxBytes: 1024 })(`http://calendar.test:${port}/big-chunked`)).rejects.toThrow(
      /larger than 1024/,
    );
    expect((await (await development({ maxBytes: 2048 })(`http://calendar.test:${port}/big`)).text()).length).toBe(
      2048,
    );
  });

  it('gives up on a server that does not answer within the time limit', async () => {
    await expect(development({ timeoutMs: 100 })(`http://calendar.test:${port}/never`)).rejects.toThrow();
  });

  it('checks a configured destination before a client that takes no agent uses it', async () => {
    const policy = outboundPolicy({ allowLoopback: false, resolve: dns() });
    await expect(assertAllowedDestination('https://intranet.corp.test', policy)).rejects.toThrow(/non-public/);
    await expect(assertAllowedDestination('http://calendar.test', policy)).rejects.toThrow(/http: is not allowed/);
    await expect(
      assertAllowedDestination('https://calendar.test', outboundPolicy({ allowLoopback: true, resolve: dns() })),
    ).resolves.toBeUndefined();
  });
});
