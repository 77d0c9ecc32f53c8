import { writeFile } from 'node:fs/promises';
import { cpus, hostname, loadavg, totalmem } from 'node:os';
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
import { type BenchResults, plainTable, targetsOf } from './table.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const started = Date.now();
// The host is shared: the load when the run starts is recorded beside the load at its end.
const loadAtStart = Math.round(loadavg()[0]! * 10) / 10;
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

const funnelReport = await step('funnel report', async () => (await import('./funnel-report.js')).benchFunnelReport());

const measured = {
  machine: {
    name: hostname(),
    load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
    load_average_1m_start: loadAtStart,
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
    routing_turn_round_trips: calls.answer_and_route!.round_trips,
    // The HTTP bench's own turns, with their rate-limit writes: what one of them waits for.
    bench_first_turn: calls.first_chat_turn!.total + calls.first_chat_turn!.limits,
    bench_first_turn_round_trips: calls.first_chat_turn!.all_round_trips,
    bench_later_turn: calls.later_chat_turn!.total + calls.later_chat_turn!.limits,
    bench_later_turn_round_trips: calls.later_chat_turn!.all_round_trips,
    booking: calls.booking!.total,
    detail: calls,
  },
  bundles,
  widget,
  console: consoleSizes,
  cost,
  funnel_report: funnelReport,
  date: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
};
const results: BenchResults = { ...measured, targets: targetsOf(measured) };
await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), JSON.stringify(results, null, 2));
console.log(`\n${plainTable(results)}\nwritten: bench/results.json (README table: npm run bench:table)`);
