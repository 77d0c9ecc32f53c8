import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildWidget } from '../widget/build.js';
import { buildConsole } from '../console/build.js';
import { benchBundles } from './bundles.js';
import { costPer1000Conversations } from './cost.js';
import { benchDecision } from './decision.js';
import { countDynamoDbCalls } from './dynamodb-calls.js';
import { benchHttp } from './http.js';
import { benchSimulation } from './simulation.js';
import { benchSlots } from './slots.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const started = Date.now();
const step = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
  process.stderr.write(`bench: ${name}…\n`);
  return work();
};

const decision = await step('decision', () => benchDecision());
const slots = await step('slots', () => benchSlots());
const simulation = await step('simulation', () => benchSimulation());
const calls = await step('dynamodb calls', () => countDynamoDbCalls());
const http = await step('http', () => benchHttp());
const bundles = await step('bundles', () => benchBundles());
const widget = await step('widget', async () => ({ gzip_bytes: (await buildWidget()).launcherGzipBytes }));
const consoleSizes = await step('console', async () => {
  const sizes = await buildConsole();
  return { js_gzip_bytes: sizes.jsGzipBytes, css_gzip_bytes: sizes.cssGzipBytes };
});
const cost = costPer1000Conversations(calls, http.chat_turn.open_loop_200.p50_ms);

/** Issue 17's targets: [key, value, target, holds]. */
const targets: Array<[string, number | null, string, boolean | null]> = [
  ['decision.p99_us', decision.p99_us, '≤ 25', decision.p99_us <= 25],
  ['decision.speedup_vs_peer', decision.speedup_vs_peer, '≥ 300', decision.speedup_vs_peer >= 300],
  ['decision.record_bytes', decision.record_bytes, '≤ 4096', decision.record_bytes <= 4096],
  ['simulation.visitors_per_s', simulation.visitors_per_s, '≥ 5000', simulation.visitors_per_s >= 5000],
  ['simulation.heap_mb', simulation.heap_mb, '≤ 256', simulation.heap_mb <= 256],
  ['dynamodb_calls.routing_turn', calls.answer_and_route!.total, '≤ 6', calls.answer_and_route!.total <= 6],
  ['dynamodb_calls.chat_turn', calls.chat_turn!.total, '≤ 3', calls.chat_turn!.total <= 3],
  ['bundles.visitor.bytes', bundles.visitor.bytes, '≤ 256000', bundles.visitor.bytes <= 256_000],
  ['bundles.visitor.import_ms', bundles.visitor.import_ms, '≤ 100', bundles.visitor.import_ms <= 100],
  [
    'http.chat_turn.open_loop_200.p99_ms',
    http.chat_turn.open_loop_200.p99_ms,
    '≤ 20, 0 errors',
    http.chat_turn.open_loop_200.p99_ms <= 20 && http.chat_turn.open_loop_200.errors === 0,
  ],
  ['slots.p99_ms', slots.p99_ms, '≤ 5', slots.p99_ms <= 5],
  ['widget.gzip_bytes', widget.gzip_bytes, '≤ 15360', widget.gzip_bytes <= 15_360],
];

const results = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  decision,
  slots,
  simulation,
  http,
  dynamodb_calls: {
    chat_turn: calls.chat_turn!.total,
    routing_turn: calls.answer_and_route!.total,
    booking: calls.booking!.total,
    detail: calls,
  },
  bundles,
  widget,
  console: consoleSizes,
  cost,
  targets: Object.fromEntries(targets.map(([key, value, target, holds]) => [key, { value, target, holds }])),
  seconds: Math.round((Date.now() - started) / 1000),
};
Object.assign(results, {
  funnel_report: await step('funnel report', async () => (await import('./funnel-report.js')).benchFunnelReport()),
});
await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), JSON.stringify(results, null, 2));

const rows: Array<[string, string, string]> = [
  [
    'decision (500 rules, 200 reps)',
    `p50 ${decision.p50_us} µs, p99 ${decision.p99_us} µs`,
    `json-rules-engine (tuned) p50 ${decision.peer_p50_us} µs (${decision.speedup_vs_peer}× slower); record ${decision.record_bytes} B, ${decision.outcome}`,
  ],
  [
    'simulation (100,000 visitors, 500 rules)',
    `${simulation.visitors_per_s} visitors/s, heap ${simulation.heap_mb} MB`,
    simulation.source,
  ],
  ['slots (50 reps, 14 days)', `p50 ${slots.p50_ms} ms, p99 ${slots.p99_ms} ms`, `${slots.slots} slots`],
  [
    'http chat turn, open loop 200 req/s',
    `${http.chat_turn.open_loop_200.rps} req/s, p50 ${http.chat_turn.open_loop_200.p50_ms} ms, p99 ${http.chat_turn.open_loop_200.p99_ms} ms`,
    `${http.chat_turn.open_loop_200.errors} errors; alone p50 ${http.chat_turn.sequential_p50_ms} ms; ${http.chat_turn.kind}`,
  ],
  [
    'http booking',
    `${http.booking.rps} req/s, p50 ${http.booking.p50_ms} ms, p99 ${http.booking.p99_ms} ms`,
    `${http.booking.errors} errors of ${http.booking.requests}`,
  ],
  [
    'DynamoDB calls',
    `chat turn ${calls.chat_turn!.total}, booking ${calls.booking!.total}`,
    `routing turn ${calls.answer_and_route!.total}, page view ${calls.page_view!.total}`,
  ],
  [
    'visitor function bundle (SDK from runtime)',
    `${Math.round(bundles.visitor.bytes / 1024)} KB, import ${bundles.visitor.import_ms} ms`,
    'public routes only: widget config, conversations, visitor events, slots, booking, manage link',
  ],
  [
    'console API bundle (SDK from runtime)',
    `${Math.round(bundles.api.bytes / 1024)} KB, import ${bundles.api.import_ms} ms`,
    `SDK bundled: ${Math.round(bundles.api_with_sdk_bundled.bytes / 1024)} KB, import ${bundles.api_with_sdk_bundled.import_ms} ms`,
  ],
  [
    'other functions',
    `forwarder ${Math.round(bundles.outbox_forwarder.bytes / 1024)} KB, ${bundles.outbox_forwarder.import_ms} ms`,
    `CRM sync ${Math.round(bundles.crm_sync.bytes / 1024)} KB, ${bundles.crm_sync.import_ms} ms`,
  ],
  ['widget launcher', `${widget.gzip_bytes} B gzipped`, 'loaded with the host page'],
  [
    'console',
    `${consoleSizes.js_gzip_bytes} B JavaScript gzipped`,
    `${consoleSizes.css_gzip_bytes} B CSS; budget 100 KB`,
  ],
  [
    'cost',
    `$${cost.usd_per_1000_conversations} per 1,000 conversations`,
    `${cost.invocations_per_conversation} invocations, ${cost.dynamodb_reads} reads, ${cost.dynamodb_writes} writes each`,
  ],
];
const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
console.log(
  `\nBaton benchmark on ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memory_gb} GiB, Node ${results.machine.node} (${results.seconds} s)\n`,
);
for (const [name, value, note] of rows) console.log(`${name.padEnd(width[0]!)}  ${value.padEnd(width[1]!)}  ${note}`);
console.log('\ntargets (issue 17):');
for (const [key, value, target, holds] of targets)
  console.log(
    `  ${key.padEnd(38)} ${String(value ?? 'not measured').padEnd(12)} ${target.padEnd(16)} ${holds === null ? '—' : holds ? 'holds' : 'missed'}`,
  );
console.log('\nwritten: bench/results.json');
