import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openLoop } from '../../../bench/open-loop.js';

let server: Server | undefined;
afterEach(
  () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = undefined;
    }),
);

/** A request as the server got it: its body, the connection it came on (numbered from 0) and its answer. */
interface Received {
  body: string;
  connection: number;
  request: IncomingMessage;
  response: ServerResponse;
}

/** A server that hands each whole request to `answer`, numbering the connections in the order they opened. */
async function serving(answer: (received: Received) => void = () => {}) {
  const received: Received[] = [];
  const connections: Socket[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const got = { body, connection: connections.indexOf(request.socket), request, response };
      received.push(got);
      answer(got);
    });
  });
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, connections };
}

/** Answers with the status the request's path names. */
const statusFromPath = ({ request, response }: Received) => response.writeHead(Number(request.url!.slice(1))).end('{}');

/**
 * A clock the test moves: the loop is woken only when the test moves time on, and every answer is timed at the
 * time the test set, so latencies are exact.
 */
function manualClock() {
  let time = 0;
  let reads = 0;
  let wake: (() => void) | undefined;
  return {
    clock: {
      now: () => {
        reads++;
        return time;
      },
      wake: (_ms: number, tick: () => void) => {
        wake = tick;
      },
    },
    /** Sets the time and wakes the loop if it waits for a request to fall due. */
    moveTo(at: number) {
      time = at;
      const tick = wake;
      wake = undefined;
      tick?.();
    },
    /** How often the loop read the clock: it reads it once for each answer it takes in. */
    get reads() {
      return reads;
    },
  };
}

const numbered = (n: number) => ({ path: '/201', headers: { 'content-type': 'application/json' }, body: `{"n":${n}}` });

describe('the benchmark open loop', () => {
  it('sends rate × seconds requests, each made from its number and sent once, and counts every answer', async () => {
    const { base, received } = await serving(statusFromPath);

    const result = await openLoop(base, { rate: 100, seconds: 0.12, next: numbered });

    expect(result.requests).toBe(12);
    expect(received.map(({ body }) => JSON.parse(body).n).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(result.errors).toBe(0);
    expect(result.p99_ms).toBeGreaterThanOrEqual(result.p50_ms);
  });

  it('counts an answer that is not a success as an error, as autocannon counts non-2xx', async () => {
    const { base } = await serving(statusFromPath);

    const result = await openLoop(base, {
      rate: 100,
      seconds: 0.05,
      next: (n) => ({ path: n % 2 === 0 ? '/201' : '/429', headers: {}, body: '{}' }),
    });

    expect(result).toMatchObject({ requests: 5, errors: 2, error_kinds: { '429': 2 } });
  });

  it('counts a request the server never answers (connection refused) as an error, not a hang', async () => {
    const { base } = await serving();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;

    const result = await openLoop(base, { rate: 100, seconds: 0.03, next: numbered });

    expect(result).toMatchObject({ requests: 3, errors: 3, error_kinds: { ECONNREFUSED: 3 } });
  });

  it('times each request from when it was due, so the wait while the server stalls is counted', async () => {
    const { base, received } = await serving();
    const time = manualClock();

    const run = openLoop(base, { rate: 100, seconds: 0.03, next: numbered, clock: time.clock });
    await expect.poll(() => received.length).toBe(1);
    time.moveTo(15); // the second request was due at 10 and leaves 5 ms late
    await expect.poll(() => received.length).toBe(2);
    time.moveTo(20);
    await expect.poll(() => received.length).toBe(3);
    time.moveTo(50);
    for (const { response } of received) response.writeHead(201).end('{}');
    const result = await run;

    // Answered at 50: due at 0, 10 and 20, so 50, 40 and 30 ms, on a connection each (none was free).
    expect(result).toMatchObject({ requests: 3, errors: 0, p50_ms: 40, p99_ms: 50, late_p99_ms: 5, connections: 3 });
    expect(received.map(({ connection }) => connection)).toEqual([0, 1, 2]);
  });

  it('sends a request on a connection whose answer was read, and on a new one while the answer is still coming', async () => {
    const { base, received, connections } = await serving(({ response }) => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.write('{"part":'); // chunked: the rest comes when the test says
    });
    const time = manualClock();

    const run = openLoop(base, { rate: 100, seconds: 0.03, next: numbered, clock: time.clock });
    await expect.poll(() => received.length).toBe(1);
    time.moveTo(10);
    await expect.poll(() => received.length).toBe(2);
    const readsBefore = time.reads;
    received[0]!.response.end('1}');
    await expect.poll(() => time.reads).toBeGreaterThan(readsBefore);
    time.moveTo(20);
    await expect.poll(() => received.length).toBe(3);
    received[1]!.response.end('2}');
    received[2]!.response.end('3}');
    const result = await run;

    expect(received.map(({ connection }) => connection)).toEqual([0, 1, 0]);
    expect(connections).toHaveLength(2);
    expect(result).toMatchObject({ requests: 3, errors: 0, connections: 2 });
  });

  it("closes a connection idle within 1 s of the server's keep-alive timeout instead of sending on it", async () => {
    // The server keeps idle connections 4 s: a connection is reused only for 3 s after its answer is read.
    const { base, received } = await serving(({ response }) => {
      response.writeHead(201, { 'keep-alive': 'timeout=4' });
    });
    const time = manualClock();
    const answerAt = async (at: number, request: number) => {
      time.moveTo(at);
      const before = time.reads;
      received[request]!.response.end('{}');
      await expect.poll(() => time.reads).toBeGreaterThan(before);
    };

    // One request every 3 s: due at 0, 3000 and 6000.
    const run = openLoop(base, { rate: 1 / 3, seconds: 9, next: numbered, clock: time.clock });
    await expect.poll(() => received.length).toBe(1);
    await answerAt(1, 0); // reused before 3001
    time.moveTo(3000);
    await expect.poll(() => received.length).toBe(2);
    await answerAt(3000, 1); // reused before 6000
    time.moveTo(6000);
    await expect.poll(() => received.length).toBe(3);
    received[2]!.response.end('{}');
    const result = await run;

    expect(received.map(({ connection }) => connection)).toEqual([0, 0, 1]);
    expect(result).toMatchObject({ requests: 3, errors: 0, connections: 2 });
  });

  it('reads Content-Length and chunked answers alike', async () => {
    const { base } = await serving(({ body, response }) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (JSON.parse(body).n % 2 === 0) response.end(body);
      else response.write(body.slice(0, 3), () => response.end(body.slice(3)));
    });

    const result = await openLoop(base, { rate: 100, seconds: 0.06, next: numbered });

    expect(result).toMatchObject({ requests: 6, errors: 0 });
  });

  it('opens a new connection after a server that closes each one, and counts its answers', async () => {
    const { base, connections } = await serving(({ response }) => {
      response.writeHead(201, { connection: 'close' }).end('{}');
    });

    const result = await openLoop(base, { rate: 100, seconds: 0.04, next: numbered });

    expect(result).toMatchObject({ requests: 4, errors: 0, connections: 4 });
    expect(connections).toHaveLength(4);
  });

  it('counts a connection cut before its answer ends as one error, and the other requests as answered', async () => {
    const { base, received } = await serving(({ body, response }) => {
      if (JSON.parse(body).n === 1) {
        response.writeHead(200, { 'content-length': '10' });
        response.write('{', () => response.socket?.destroy());
      } else response.writeHead(200).end('{}');
    });

    const result = await openLoop(base, { rate: 100, seconds: 0.04, next: numbered });

    expect(result).toMatchObject({ requests: 4, errors: 1 });
    // Closed by the server mid-answer: a FIN, or a reset when the kernel had bytes left to send.
    expect(Object.entries(result.error_kinds)).toEqual([[expect.stringMatching(/^(closed|ECONNRESET)$/), 1]]);
    expect(received).toHaveLength(4);
  });

  it('sends the warm-up first on the same schedule and counts only the measured requests', async () => {
    const { base, received } = await serving(statusFromPath);

    const result = await openLoop(base, {
      rate: 100,
      warmUpSeconds: 0.02,
      seconds: 0.03,
      next: (n) => ({ path: n < 2 ? '/500' : '/201', headers: {}, body: `{"n":${n}}` }),
    });

    expect(received.map(({ body }) => JSON.parse(body).n).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(result).toMatchObject({ requests: 3, errors: 0, error_kinds: {} });
  });
});
