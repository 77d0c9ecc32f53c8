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
import { benchSlots } from './slots.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const started = Date.now();
const step = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
  process.stderr.write(`bench: ${name}…\n`);
  return work();
};

const decision = await step('decision', () => benchDecision());
const slots = await step('slots', () => benchSlots());
const calls = await step('dynamodb calls', () => countDynamoDbCalls());
const http = await step('http', () => benchHttp());
const bundles = await step('bundles', () => benchBundles());
const widget = await step('widget', async () => ({ gzip_bytes: (await buildWidget()).launcherGzipBytes }));
const consoleSizes = await step('console', async () => {
  const sizes = await buildConsole();
  return { js_gzip_bytes: sizes.jsGzipBytes, css_gzip_bytes: sizes.cssGzipBytes };
});
const cost = costPer1000Conversations(calls, http.chat_turn.p50_ms);

const results = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  decision,
  slots,
  http,
  dynamodb_calls: { chat_turn: calls.chat_turn!.total, booking: calls.booking!.total, detail: calls },
  bundles,
  widget,
  console: consoleSizes,
  cost,
  seconds: Math.round((Date.now() - started) / 1000),
};
await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), JSON.stringify(results, null, 2));

const rows: Array<[string, string, string]> = [
  [
    'decision (500 rules, 200 reps)',
    `p50 ${decision.p50_us} µs, p99 ${decision.p99_us} µs`,
    `json-rules-engine p50 ${decision.peer_p50_us} µs (${decision.speedup_vs_peer}× slower)`,
  ],
  ['slots (50 reps, 14 days)', `p50 ${slots.p50_ms} ms, p99 ${slots.p99_ms} ms`, `${slots.slots} slots`],
  [
    'http chat turn',
    `${http.chat_turn.rps} req/s, p50 ${http.chat_turn.p50_ms} ms, p99 ${http.chat_turn.p99_ms} ms`,
    `${http.chat_turn.errors} errors`,
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
    'API bundle (SDK from runtime)',
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
console.log('\nwritten: bench/results.json');
