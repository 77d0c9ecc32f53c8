import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import dynalite from 'dynalite';

/** Credentials the runtime signs its requests with; made up per start, known only to this process. */
export interface StoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EmbeddedStore {
  endpoint: string;
  credentials: StoreCredentials;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Starts the DynamoDB-compatible embedded server on loopback; with a path its data lives in that
 * folder across restarts, without one it is kept in memory. It answers only requests signed (AWS
 * Signature V4) with this start's own credentials, and never to a browser: requests with an Origin
 * and CORS preflights are refused and no CORS header is ever sent, so a web page cannot read it.
 */
export async function startEmbeddedStore(
  options: { path?: string | undefined; port?: number } = {},
): Promise<EmbeddedStore> {
  const credentials: StoreCredentials = {
    accessKeyId: `BATONLOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(32).toString('base64url'),
  };
  const server: Server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const [storeHandler] = server.listeners('request') as Handler[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => guard(req, res, storeHandler!, credentials));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    credentials,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

const MAX_BODY = 16 * 1024 * 1024;

function guard(req: IncomingMessage, res: ServerResponse, storeHandler: Handler, credentials: StoreCredentials): void {
  const refuse = (status: number, type: string, message: string) => {
    req.resume();
    res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify({ __type: `com.amazon.coral.service#${type}`, message }));
  };
  if (req.headers.origin !== undefined || req.method === 'OPTIONS') {
    refuse(403, 'AccessDeniedException', 'The embedded store does not answer browsers.');
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY) return refuse(413, 'ValidationException', 'Request too large.');
    const body = Buffer.concat(chunks);
    if (!signedWith(req, body, credentials))
      return refuse(403, 'UnrecognizedClientException', 'The request is not signed with the runtime credentials.');
    // The body was read to check its signature; the store reads it again from a replay.
    const stream = new PassThrough();
    const replay = Object.assign(stream, {
      headers: req.headers,
      method: req.method,
      url: req.url,
      socket: req.socket,
    }) as unknown as IncomingMessage;
    // The store sets CORS headers for any request with an Origin; none reaches it, and none is sent.
    const setHeader = res.setHeader.bind(res);
    res.setHeader = ((name: string, value: number | string | readonly string[]) =>
      name.toLowerCase().startsWith('access-control-') ? res : setHeader(name, value)) as typeof res.setHeader;
    storeHandler(replay, res);
    stream.end(body);
  });
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** AWS Signature V4, recomputed with our secret over what arrived (header-signed requests, as the SDK sends). */
function signedWith(req: IncomingMessage, body: Buffer, credentials: StoreCredentials): boolean {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    );
  if (!auth || auth[1] !== credentials.accessKeyId) return false;
  const [, , day, region, service, signedHeaders, signature] = auth as unknown as string[];
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day!)) return false;
  const names = signedHeaders!.split(';');
  if (!names.includes('host')) return false;
  const canonicalHeaders = names
    .map((name) => {
      const value = req.headers[name];
      const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const [path = '/', query = ''] = (req.url ?? '/').split('?');
  const canonicalQuery = query.split('&').filter(Boolean).sort().join('&');
  const canonicalRequest = [req.method, path, canonicalQuery, canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, day!);
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const given = Buffer.from(signature!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
