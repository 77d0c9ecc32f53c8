import { describe, expect, it } from 'vitest';
import { type BenchResults, markdownTables, targetsOf } from '../../../bench/table.js';

const latency = { rps: 200, p50_ms: 4, p99_ms: 20, errors: 0, requests: 2000 };
const bundle = { bytes: 256_000, import_ms: 100 };
/** A run where every measured value sits exactly on its target. */
const onTarget = (): BenchResults => ({
  machine: { name: 'bench-host', load_average_1m: 1.5, cpus: 2, cpu: 'AMD EPYC', memory_gb: 24, node: 'v20.20.2' },
  decision: {
    p50_us: 10,
    p99_us: 25,
    p99_us_runs: [24, 25, 25, 26, 30],
    peer_p50_us: 3000,
    speedup_vs_peer: 300,
    record_bytes: 4096,
    outcome: 'rep via rule-480',
  },
  slots: { slots: 400, p50_ms: 2, p99_ms: 5 },
  simulation: { visitors_per_s: 5000, heap_mb: 256, source: 'stored visitors' },
  http: { chat_turn: { kind: 'free-text turn', open_loop_200: latency, sequential_p50_ms: 3 }, booking: latency },
  dynamodb_calls: { chat_turn: 3, routing_turn: 6, booking: 14, detail: {} },
  bundles: { visitor: bundle, api: bundle, api_with_sdk_bundled: bundle, outbox_forwarder: bundle, crm_sync: bundle },
  widget: { gzip_bytes: 15_360 },
  console: { js_gzip_bytes: 50_000, css_gzip_bytes: 5_000 },
  cost: { usd_per_1000_conversations: 0.02, invocations_per_conversation: 8 },
  funnel_report: { leads: 1_000_000, p50_ms: 50, p99_ms: 190 },
  date: '2026-11-26T03:00:00.000Z',
  seconds: 300,
});

const issue17Keys = [
  'decision.p99_us',
  'decision.speedup_vs_peer',
  'decision.record_bytes',
  'simulation.visitors_per_s',
  'simulation.heap_mb',
  'dynamodb_calls.routing_turn',
  'dynamodb_calls.chat_turn',
  'bundles.visitor.bytes',
  'bundles.visitor.import_ms',
  'http.chat_turn.open_loop_200.p99_ms',
  'slots.p99_ms',
  'widget.gzip_bytes',
];

describe('the benchmark tables', () => {
  it('judge every target of issue 17, each holding when the value sits exactly on it', () => {
    const targets = targetsOf(onTarget());

    expect(Object.keys(targets)).toEqual(issue17Keys);
    expect(Object.entries(targets).filter(([, target]) => !target.holds)).toEqual([]);
  });

  it('miss a target one step past it, and the chat turn on a single error', () => {
    const past = onTarget();
    past.decision.p99_us = 25.1;
    past.dynamodb_calls.routing_turn = 7;
    past.bundles.visitor.bytes = 256_001;
    past.http.chat_turn.open_loop_200 = { ...latency, errors: 1 };

    const missed = Object.entries(targetsOf(past))
      .filter(([, target]) => !target.holds)
      .map(([key]) => key);

    expect(missed).toEqual([
      'decision.p99_us',
      'dynamodb_calls.routing_turn',
      'bundles.visitor.bytes',
      'http.chat_turn.open_loop_200.p99_ms',
    ]);
  });

  it('write the README tables with the machine, the date, the spread of the decision runs and every target', () => {
    const markdown = markdownTables(onTarget());

    expect(markdown).toContain('bench-host: 2 × AMD EPYC, 24 GiB, Node v20.20.2, load average 1.5');
    expect(markdown).toContain('2026-11-26 03:00 UTC');
    expect(markdown).toContain('runs: 24, 25, 25, 26, 30');
    for (const key of issue17Keys) expect(markdown).toContain(`| \`${key}\` |`);
  });

  it("state the load generator's own lateness, connections and CPU beside the chat turn's p99, and nothing for runs without them", () => {
    const run = onTarget();
    run.http.chat_turn.open_loop_200 = { ...latency, late_p99_ms: 4.3, connections: 18, cpu_us_per_request: 464 };

    expect(markdownTables(run)).toContain(
      'one turn alone p50 3 ms; the load generator sent 4.3 ms late at its p99, on 18 connections, 464 µs of its CPU a request; free-text turn',
    );
    expect(markdownTables(onTarget())).toContain('one turn alone p50 3 ms; free-text turn');
  });
});
