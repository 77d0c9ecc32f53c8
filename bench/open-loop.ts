import { connect, type Socket } from 'node:net';
import { ResponseReader } from './response-reader.js';
import { percentile } from './stats.js';

/** One request of an open loop, made when it is due: the n-th of the run. */
export interface DueRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/**
 * A connection idle nearly as long as the server keeps idle ones (its `Keep-Alive: timeout`) is closed, not
 * reused: the server may close it while the request is on its way, which would count as an error that no
 * visitor's browser meets (undici keeps the same 1 s margin).
 */
const IDLE_MARGIN_MS = 1000;

interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Calls tick once, about ms from now. */
  wake(ms: number, tick: () => void): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  wake: (ms, tick) => {
    setTimeout(tick, ms);
  },
};

/** A POST as the bytes it is on the wire, made once before the clock starts. */
function render(host: string, { path, headers, body }: DueRequest) {
  const payload = Buffer.from(body);
  let head = `POST ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return Buffer.concat([Buffer.from(`${head}content-length: ${payload.length}\r\n\r\n`, 'latin1'), payload]);
}

/** A keep-alive connection and the one request it carries at a time. */
interface Connection {
  socket: Socket;
  reader: ResponseReader;
  /** The request in flight: when it was due and whether it is measured; undefined while idle. */
  due: number | undefined;
  measured: boolean;
  /** Reused only before this time: later the server may close it while a request is on its way. */
  reuseBefore: number;
}

/**
 * POSTs at a fixed rate, one every 1/rate s whatever the answers' latency (an open loop, as wrk2 sends),
 * each on a free keep-alive connection or on a new one when none is free; a request's latency counts from the
 * moment it was due, so a server that falls behind is charged for the wait. An answer is read whole (Content-
 * Length or chunked) before its connection carries another request; an answer that is not 2xx, a refused or
 * broken connection, and a connection closed before its answer's end each count as an error. `warmUpSeconds`
 * of the same load go first, unmeasured, on the same connections and schedule, so the measured seconds start
 * from a running loop (connections open, the server's queue as it is under this load).
 *
 * It is made cheap because it runs on the cores of the server it measures: the requests are rendered to bytes
 * before the clock starts, written to plain sockets, and the answers read by a small parser (bench/response-
 * reader.ts) instead of node:http's Agent, ClientRequest and IncomingMessage per request.
 *
 * autocannon's `overallRate` is not an open loop: each of its connections sends back to back until it has
 * made its share of the second, then waits for the next second, so 200 a second arrive as a burst of 50 at
 * once at each second's start and the latency measured is that burst's queue.
 */
export async function openLoop(
  base: string,
  {
    rate,
    seconds,
    warmUpSeconds = 0,
    next,
    clock = realClock,
  }: {
    rate: number;
    seconds: number;
    warmUpSeconds?: number;
    next: (n: number) => DueRequest;
    /** Tests stand in for the clock to control when requests are due and answers are read. */
    clock?: Clock;
  },
) {
  const { hostname, port, host } = new URL(base);
  const warmUp = Math.round(rate * warmUpSeconds);
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const requests = Array.from({ length: warmUp + total }, (_, n) => render(host, next(n)));
  const latencies: number[] = [];
  /** How late each measured request left after it was due: the loop's own lag, charged to the server. */
  const lateness: number[] = [];
  let errors = 0;
  /**
   * The errors by what they were: an answer's status; or why its connection gave no answer: the socket's error
   * code (ECONNREFUSED, ECONNRESET…), `closed` by the server before the answer's end, `malformed` answer.
   */
  const errorKinds: Record<string, number> = {};
  let outstanding = requests.length;
  let allAnswered: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    allAnswered = resolve;
  });
  const idle: Connection[] = [];
  const open = new Set<Connection>();
  let dialled = 0;

  /** A request's end: its answer's status, or why its connection broke before the answer's end. */
  const finish = (connection: Connection, outcome: number | string) => {
    if (connection.due === undefined) return;
    if (connection.measured) {
      const answered = typeof outcome === 'number';
      if (answered) latencies.push(clock.now() - connection.due);
      if (!answered || outcome < 200 || outcome >= 300) {
        errors++;
        errorKinds[outcome] = (errorKinds[outcome] ?? 0) + 1;
      }
    }
    connection.due = undefined;
    if (--outstanding === 0) allAnswered();
  };
  const drop = (connection: Connection) => {
    const index = idle.indexOf(connection);
    if (index >= 0) idle.splice(index, 1);
    open.delete(connection);
    connection.socket.destroy();
  };
  const dial = () => {
    const socket = connect({ host: hostname, port: Number(port), noDelay: true });
    const connection: Connection = {
      socket,
      reader: new ResponseReader(),
      due: undefined,
      measured: false,
      reuseBefore: Number.POSITIVE_INFINITY,
    };
    open.add(connection);
    dialled++;
    socket.on('data', (chunk: Buffer) => {
      if (connection.due === undefined) return drop(connection); // nothing was asked
      let answer: ReturnType<ResponseReader['read']>;
      try {
        answer = connection.reader.read(chunk);
      } catch {
        finish(connection, 'malformed');
        return drop(connection);
      }
      if (!answer) return;
      finish(connection, answer.status);
      if (!answer.keepAlive) return drop(connection);
      if (answer.idleTimeoutMs !== undefined)
        connection.reuseBefore = clock.now() + answer.idleTimeoutMs - IDLE_MARGIN_MS;
      idle.push(connection);
    });
    socket.on('end', () => {
      finish(connection, connection.reader.closed()?.status ?? 'closed');
      drop(connection);
    });
    // A refused, reset or closed connection: its request, if one was in flight, was not answered.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      finish(connection, error.code ?? 'error');
      drop(connection);
    });
    socket.on('close', () => {
      finish(connection, 'closed');
      drop(connection);
    });
    return connection;
  };
  /** The connection used last (the most likely to be warm), unless it has been idle too long; else a new one. */
  const free = (now: number) => {
    for (let connection = idle.pop(); connection; connection = idle.pop()) {
      if (now < connection.reuseBefore) return connection;
      drop(connection);
    }
    return dial();
  };
  const send = (n: number, due: number) => {
    const now = clock.now();
    const connection = free(now);
    connection.due = due;
    connection.measured = n >= warmUp;
    if (connection.measured) lateness.push(now - due);
    connection.socket.write(requests[n]!);
  };

  const cpuBefore = process.cpuUsage();
  const start = clock.now();
  const measuredFrom = start + warmUp * interval;
  let made = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      // Every request due by now leaves now, timed from when it was due (a late timer is not the server's fault,
      // but a loop that fell behind sends what it owes at once rather than stretching the run).
      while (made < requests.length && start + made * interval <= clock.now()) {
        send(made, start + made * interval);
        made++;
      }
      // Whole milliseconds, rounded up: libuv's clock is whole milliseconds behind performance.now(), so a
      // fraction wakes the loop before the request is due and again 1 ms later, twice the wake-ups (each
      // costs the shared cores 50-130 µs here) for sends no earlier.
      if (made < requests.length) clock.wake(Math.ceil(start + made * interval - clock.now()), tick);
      else done();
    };
    tick();
  });
  await answered;
  const elapsed = clock.now() - measuredFrom;
  const cpu = process.cpuUsage(cpuBefore);
  for (const connection of open) connection.socket.destroy();
  // No answer at all (every connection refused) reads as 0 ms beside its errors; a broken connection has no latency.
  const at = (values: number[], p: number) => (values.length > 0 ? percentile(values, p) : 0);
  return {
    rps: Math.round(total / (elapsed / 1000)),
    p50_ms: tenths(at(latencies, 50)),
    p99_ms: tenths(at(latencies, 99)),
    errors,
    error_kinds: errorKinds,
    requests: total,
    /** The loop's own lag at the p99: how much of p99_ms is the load generator's, not the server's. */
    late_p99_ms: tenths(at(lateness, 99)),
    /** Connections opened over the whole run, warm-up included. */
    connections: dialled,
    /** This process's CPU over the run (warm-up included) per request: what the loop took from the server's cores. */
    cpu_us_per_request: Math.round((cpu.user + cpu.system) / requests.length),
  };
}
