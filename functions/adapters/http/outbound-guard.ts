import { lookup as dnsLookup } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** The addresses a host name resolves to (all of them: one private address among public ones is refused). */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

/**
 * What Baton may call: calendar feeds and calendar APIs, the enrichment API, CRMs, webhooks. Https
 * to public addresses only; `allowLoopback` (the local runtime and tests, never the Lambda functions)
 * also lets http and https reach this machine's loopback stand-ins. Private, link-local, loopback and
 * other special addresses are refused after DNS resolution, at connect time (the address checked is
 * the address dialled), and again on every redirect.
 */
export interface OutboundPolicy {
  allowLoopback: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  resolve: Resolver;
}

export class OutboundRefusedError extends Error {
  constructor(detail: string) {
    super(`outbound request refused: ${detail}`);
    this.name = 'OutboundRefusedError';
  }
}

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

export function outboundPolicy(options: Partial<OutboundPolicy> = {}): OutboundPolicy {
  return {
    allowLoopback: options.allowLoopback ?? false,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: options.maxBytes ?? 5_000_000,
    maxRedirects: options.maxRedirects ?? 3,
    resolve: options.resolve ?? systemResolver,
  };
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Not reachable on the public internet, or not a host at all (RFC 6890 special-purpose ranges). */
const special = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  special.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  special.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address an IPv6 one carries (mapped, or NAT64), which is what is really reached. */
function embeddedIpv4(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address) ?? /^64:ff9b::(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const high = Number.parseInt(hex[1]!, 16);
  const low = Number.parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export function isLoopbackAddress(address: string): boolean {
  const v4 = isIP(address) === 6 ? embeddedIpv4(address) : address;
  if (v4) return loopback.check(v4, 'ipv4');
  return loopback.check(address, 'ipv6');
}

/** Whether Baton may connect to this address under the policy. */
export function isAllowedAddress(address: string, policy: Pick<OutboundPolicy, 'allowLoopback'>): boolean {
  if (isLoopbackAddress(address)) return policy.allowLoopback;
  const family = isIP(address);
  if (family === 0) return false;
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  if (v4) return !special.check(v4, 'ipv4');
  return !special.check(address, 'ipv6');
}

/**
 * Refuses what the URL alone shows: a scheme other than https (http only with loopback allowed),
 * credentials, and an address literal that is not allowed (sockets dial a literal without any lookup).
 */
export function assertAllowedUrl(url: URL, policy: Pick<OutboundPolicy, 'allowLoopback'>): void {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopback))
    throw new OutboundRefusedError(`${url.protocol} is not allowed; use https`);
  if (url.username || url.password) throw new OutboundRefusedError('credentials in the URL are not allowed');
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (
    isIP(literal) &&
    (!isAllowedAddress(literal, policy) || (url.protocol === 'http:' && !isLoopbackAddress(literal)))
  )
    throw new OutboundRefusedError(`${literal} is a non-public address`);
}

/**
 * A `lookup` for sockets: resolves with the policy's resolver and fails unless every address is
 * allowed; plain http additionally only to loopback. Sockets dial the address checked here, so a
 * name that resolves differently a moment later changes nothing.
 */
export function guardedLookup(policy: OutboundPolicy, plainHttp = false): LookupFunction {
  return ((host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const bare = host.replace(/^\[|\]$/g, '');
    const found = isIP(bare) ? Promise.resolve([{ address: bare, family: isIP(bare) }]) : policy.resolve(bare);
    found.then(
      (addresses) => {
        const refused = addresses.find(
          (entry) => !isAllowedAddress(entry.address, policy) || (plainHttp && !isLoopbackAddress(entry.address)),
        );
        if (addresses.length === 0 || refused)
          return callback(new OutboundRefusedError(`${bare} resolves to a non-public address`));
        if (options?.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(error),
    );
  }) as unknown as LookupFunction;
}

/** An http(s) agent whose connections go only where the policy allows (for clients that take an agent). */
export function guardedAgent(policy: OutboundPolicy, protocol: 'http:' | 'https:'): HttpAgent | HttpsAgent {
  return protocol === 'https:'
    ? new HttpsAgent({ lookup: guardedLookup(policy) })
    : new HttpAgent({ lookup: guardedLookup(policy, true) });
}

/** Resolves and checks a URL's host now (for clients that cannot take an agent). */
export async function assertAllowedDestination(raw: string, policy: OutboundPolicy): Promise<void> {
  const url = new URL(raw);
  assertAllowedUrl(url, policy);
  await new Promise<void>((resolve, reject) =>
    guardedLookup(policy, url.protocol === 'http:')(url.hostname, { all: true }, (error: unknown) =>
      error ? reject(error) : resolve(),
    ),
  );
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` for the adapters, under the policy: every hop checked (scheme, resolved addresses at
 * connect time), redirects followed by hand up to the limit, the whole exchange within the time
 * limit and the body within the size limit.
 */
export function guardedFetch(policy: OutboundPolicy): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const deadline = AbortSignal.timeout(policy.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    let url = new URL(input instanceof Request ? input.url : String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body === undefined || init.body === null ? undefined : String(init.body);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    // What fetch itself would add for a form body.
    if (init.body instanceof URLSearchParams && !headers['content-type'])
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    for (let hop = 0; ; hop++) {
      assertAllowedUrl(url, policy);
      const response = await send(url, method, headers, body, signal, policy);
      if (!REDIRECTS.has(response.status) || !response.headers.get('location')) return response;
      if (hop >= policy.maxRedirects) throw new OutboundRefusedError(`more than ${policy.maxRedirects} redirects`);
      const next = new URL(response.headers.get('location')!, url);
      if (next.origin !== url.origin) delete headers.authorization;
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        delete headers['content-type'];
        delete headers['content-length'];
      }
      url = next;
    }
  }) as typeof fetch;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal,
  policy: OutboundPolicy,
): Promise<Response> {
  const plainHttp = url.protocol === 'http:';
  return new Promise((resolve, reject) => {
    const request = (plainHttp ? httpRequest : httpsRequest)(
      url,
      { method, headers, signal, lookup: guardedLookup(policy, plainHttp), agent: false },
      (incoming: IncomingMessage) => {
        const declared = Number(incoming.headers['content-length']);
        if (Number.isFinite(declared) && declared > policy.maxBytes) {
          incoming.destroy();
          return reject(new OutboundRefusedError(`response larger than ${policy.maxBytes} bytes`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > policy.maxBytes) {
            incoming.destroy();
            reject(new OutboundRefusedError(`response larger than ${policy.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', reject);
        incoming.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers))
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
              responseHeaders.append(name, one);
          const status = incoming.statusCode ?? 502;
          const noBody = status === 204 || status === 304 || method === 'HEAD';
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
