import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

/** Credentials the runtime signs its requests with; made up per start, known only to this process. */
export interface StoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request for the store's thread, as the SDK or a socket sent it (after the signature check). */
interface StoreRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface StoreAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The AWS SDK's request handler (its `requestHandler` setting) that hands each signed request to the
 * store's thread by message instead of over a socket: the runtime's own clients use it. Nothing outside
 * this process can post to that thread, so no signature is checked on this path.
 */
export interface StoreRequestHandler {
  handle(request: {
    method: string;
    path: string;
    query?: Record<string, string | string[] | null>;
    headers: Record<string, string>;
    body?: unknown;
  }): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

export interface EmbeddedStore {
  endpoint: string;
  credentials: StoreCredentials;
  /** For clients in this process: no socket, no HTTP parsing, no signature check. */
  requestHandler: StoreRequestHandler;
  close(): Promise<void>;
}

/**
 * Starts the DynamoDB-compatible embedded store (dynalite) in a thread of its own, so its work never
 * holds up the server's event loop; with a path its data lives in that folder across restarts, without
 * one it is kept in memory. This process's clients reach it through `requestHandler`; others through a
 * loopback endpoint that answers only requests signed (AWS Signature V4) with this start's own
 * credentials, and never a browser: requests with an Origin and CORS preflights are refused and no CORS
 * header is ever sent, so a web page cannot read it.
 */
export async function startEmbeddedStore(
  options: { path?: string | undefined; port?: number } = {},
): Promise<EmbeddedStore> {
  const credentials: StoreCredentials = {
    accessKeyId: `BATONLOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(32).toString('base64url'),
  };
  const thread = await startStoreThread(options.path);
  const server: Server = createServer((req, res) => guard(req, res, thread.send, credentials));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    credentials,
    requestHandler: threadRequestHandler(thread.send),
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      await thread.close();
    },
  };
}

const WORKER = new URL('./embedded-store-worker.mjs', import.meta.url);
const CLOSE_LIMIT_MS = 10_000;

/** A request as posted to the store's thread: id, method, url, the headers dynalite reads, body. */
type Posted = [number, string, string, Record<string, string | string[] | undefined>, string];
/** An answer as the store's thread posts it: id, status, headers, body. */
type Answered = [number, number, Record<string, string>, string];

/** The only headers dynalite reads: the rest (the signature's, the SDK's own) need not cross threads. */
const READ_HEADERS = [
  'content-type',
  'x-amz-target',
  'authorization',
  'x-amz-date',
  'date',
  'origin',
  'access-control-request-headers',
  'access-control-request-method',
];

/**
 * The store's thread, and requests to it matched to their answers by id. Requests made in the same turn of
 * the event loop (a use case's calls in parallel, or many requests' under load) leave as one message, and
 * their answers come back the same way: each message costs a wake-up of the thread it goes to, which on a
 * busy machine costs more than a small request's work.
 */
async function startStoreThread(path: string | undefined) {
  const worker = new Worker(WORKER, { workerData: { path } });
  const waiting = new Map<number, { resolve: (answer: StoreAnswer) => void; reject: (error: Error) => void }>();
  let closed: (() => void) | null = null;
  let failure: Error | null = null;
  let next = 0;
  let outgoing: Posted[] = [];
  const flush = () => {
    worker.postMessage(outgoing);
    outgoing = [];
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { ready?: true; closed?: true } | Answered[]) => {
      if (!Array.isArray(message)) {
        if (message.ready) resolve();
        if (message.closed) closed?.();
        return;
      }
      for (const [id, statusCode, headers, body] of message) {
        const pending = waiting.get(id);
        waiting.delete(id);
        pending?.resolve({ statusCode, headers, body });
      }
    });
    // A store that throws has lost its state: every request waiting and every later one fails with it.
    worker.on('error', (error) => {
      failure = error;
      reject(error);
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  });
  await ready;
  return {
    send(request: StoreRequest): Promise<StoreAnswer> {
      if (failure) return Promise.reject(failure);
      const id = next++;
      const headers: Posted[3] = {};
      for (const name of READ_HEADERS) if (request.headers[name] !== undefined) headers[name] = request.headers[name];
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        if (outgoing.length === 0) setImmediate(flush);
        outgoing.push([id, request.method, request.url, headers, request.body]);
      });
    },
    /**
     * Closes the store (its folder flushed), then the thread. A store in memory has nothing to flush: its
     * thread just ends. LevelDB's close can wait on an operation that never finishes (seen under a
     * WebSocket test: the runtime's close hung past a minute), so a folder gets CLOSE_LIMIT_MS to close
     * before the thread is ended anyway; every write has reached LevelDB's log by then.
     */
    async close() {
      if (!failure && path !== undefined) {
        let limit: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            closed = resolve;
            worker.postMessage({ close: true });
          }),
          new Promise<void>((resolve) => {
            limit = setTimeout(resolve, CLOSE_LIMIT_MS);
          }),
        ]);
        clearTimeout(limit);
      }
      await worker.terminate();
    },
  };
}

type Send = (request: StoreRequest) => Promise<StoreAnswer>;

function threadRequestHandler(send: Send): StoreRequestHandler {
  return {
    async handle(request) {
      const answer = await send({
        method: request.method,
        url: request.path + search(request.query),
        headers: request.headers,
        body: bodyText(request.body),
      });
      return { response: { statusCode: answer.statusCode, headers: answer.headers, body: Buffer.from(answer.body) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}

/** The query string of a request (DynamoDB's have none: nothing is made for them). */
function search(query: Record<string, string | string[] | null> | undefined): string {
  let params: URLSearchParams | undefined;
  for (const name in query) {
    params ??= new URLSearchParams();
    for (const one of [query[name] ?? ''].flat()) params.append(name, one);
  }
  return params === undefined || params.size === 0 ? '' : `?${params}`;
}

/** The SDK serializes into its own Uint8Array subclass (which warns when used as a string): read its bytes. */
function bodyText(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  const bytes = body as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString();
}

const MAX_BODY = 16 * 1024 * 1024;

function guard(req: IncomingMessage, res: ServerResponse, send: Send, credentials: StoreCredentials): void {
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
    send({ method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body: body.toString() }).then(
      (answer) => {
        // The store sets CORS headers for any request with an Origin; none reaches it, and none is sent.
        const headers = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !name.startsWith('access-control-')),
        );
        res.writeHead(answer.statusCode, headers);
        res.end(answer.body);
      },
      (error: Error) => refuse(500, 'InternalFailure', error.message),
    );
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
