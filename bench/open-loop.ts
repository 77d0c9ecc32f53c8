import { Agent, request } from 'node:http';
import { percentile } from './stats.js';

/** One request of an open loop, made when it is due: the n-th of the run. */
export interface DueRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/**
 * POSTs at a fixed rate, one every 1/rate s whatever the answers' latency (an open loop, as wrk2 sends),
 * each on a connection of its own when none is free; a request's latency counts from the moment it was due,
 * so a server that falls behind is charged for the wait. autocannon's `overallRate` is not this: each of its
 * connections sends back to back until it has made its share of the second, then waits for the next second,
 * so 200 a second arrive as a burst of 50 at once at each second's start and the latency measured is that
 * burst's queue.
 */
export async function openLoop(
  base: string,
  { rate, seconds, next }: { rate: number; seconds: number; next: (n: number) => DueRequest },
) {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const paths: string[] = [];
  let errors = 0;
  const answered: Promise<void>[] = [];
  const send = (n: number, due: number) =>
    new Promise<void>((resolve) => {
      const { path, headers, body } = next(n);
      paths.push(path);
      const sent = request(
        {
          hostname,
          port,
          path,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - due);
            if ((response.statusCode ?? 0) >= 300) errors++;
            resolve();
          });
        },
      );
      sent.on('error', () => {
        errors++;
        resolve();
      });
      sent.end(body);
    });
  const start = performance.now();
  let made = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      // Every request due by now leaves now, timed from when it was due (a late timer is not the server's fault,
      // but a loop that fell behind sends what it owes at once rather than stretching the run).
      while (made < total && start + made * interval <= performance.now()) {
        answered.push(send(made, start + made * interval));
        made++;
      }
      if (made < total) setTimeout(tick, Math.max(0, start + made * interval - performance.now()));
      else done();
    };
    tick();
  });
  await Promise.all(answered);
  const elapsed = performance.now() - start;
  agent.destroy();
  // No answer at all (every connection refused) reads as 0 ms beside its errors.
  const at = (p: number) => (latencies.length > 0 ? percentile(latencies, p) : 0);
  return {
    result: {
      rps: Math.round(total / (elapsed / 1000)),
      p50_ms: tenths(at(50)),
      p99_ms: tenths(at(99)),
      errors,
      requests: total,
    },
    paths,
  };
}
