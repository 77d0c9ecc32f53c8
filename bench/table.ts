import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface Latency {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  requests: number;
}
/** The open loop's own figures beside its latency (bench/open-loop.ts); runs before 26 November 17:00 lack them. */
interface OpenLoop extends Latency {
  late_p99_ms?: number;
  connections?: number;
  cpu_us_per_request?: number;
}
/** How the load generator itself did: its lateness is charged to the server, so a reader needs it beside the p99. */
const generatorNote = (loop: OpenLoop) =>
  loop.late_p99_ms === undefined
    ? ''
    : `; the load generator sent ${loop.late_p99_ms} ms late at its p99, on ${loop.connections} connections, ${loop.cpu_us_per_request} µs of its CPU a request`;
interface Bundle {
  /** The entry chunk and every chunk it imports statically: what a cold start reads. */
  bytes: number;
  /** Chunks reached only through import(): read on first use. */
  lazy_bytes?: number;
  import_ms: number;
  /** After the import, what the first request reads on top (the SDK clients the visitor function reads on first send). */
  first_request_reads_ms?: number;
  /** Then each module the first requests read (the app's, the site schema, the route modules), in the order a visitor meets them. */
  first_request_modules_ms?: Record<string, number>;
}

/** What `npm run bench` writes to bench/results.json (and this file reads back). */
export interface BenchResults {
  machine: {
    name: string;
    load_average_1m: number;
    load_average_1m_start?: number;
    cpus: number;
    cpu: string;
    memory_gb: number;
    node: string;
  };
  decision: {
    p50_us: number;
    p99_us: number;
    p99_us_runs: number[];
    peer_p50_us: number;
    speedup_vs_peer: number;
    record_bytes: number;
    outcome: string;
  };
  slots: { slots: number; p50_ms: number; p99_ms: number };
  simulation: { visitors_per_s: number; heap_mb: number; source: string };
  http: { chat_turn: { kind: string; open_loop_200: OpenLoop; sequential_p50_ms: number }; booking: Latency };
  dynamodb_calls: {
    chat_turn: number;
    routing_turn: number;
    routing_turn_round_trips?: number;
    bench_first_turn?: number;
    bench_first_turn_round_trips?: number;
    bench_later_turn?: number;
    bench_later_turn_round_trips?: number;
    booking: number;
    detail: unknown;
  };
  bundles: { visitor: Bundle; api: Bundle; api_with_sdk_bundled: Bundle; outbox_forwarder: Bundle; crm_sync: Bundle };
  widget: { gzip_bytes: number };
  console: { js_gzip_bytes: number; css_gzip_bytes: number };
  cost: { usd_per_1000_conversations: number; invocations_per_conversation: number };
  funnel_report: { leads: number; p50_ms: number; p99_ms: number };
  date: string;
  seconds: number;
  targets?: Record<string, Target>;
}
interface Target {
  value: number;
  target: string;
  holds: boolean;
}

/** Issue 17's targets, each with its measured value and whether it holds. */
export function targetsOf(r: Omit<BenchResults, 'targets'>): Record<string, Target> {
  const chat = r.http.chat_turn.open_loop_200;
  const entries: Array<[string, number, string, boolean]> = [
    ['decision.p99_us', r.decision.p99_us, '≤ 25', r.decision.p99_us <= 25],
    ['decision.speedup_vs_peer', r.decision.speedup_vs_peer, '≥ 300', r.decision.speedup_vs_peer >= 300],
    ['decision.record_bytes', r.decision.record_bytes, '≤ 4096', r.decision.record_bytes <= 4096],
    ['simulation.visitors_per_s', r.simulation.visitors_per_s, '≥ 5000', r.simulation.visitors_per_s >= 5000],
    ['simulation.heap_mb', r.simulation.heap_mb, '≤ 256', r.simulation.heap_mb <= 256],
    ['dynamodb_calls.routing_turn', r.dynamodb_calls.routing_turn, '≤ 6', r.dynamodb_calls.routing_turn <= 6],
    ['dynamodb_calls.chat_turn', r.dynamodb_calls.chat_turn, '≤ 3', r.dynamodb_calls.chat_turn <= 3],
    ['bundles.visitor.bytes', r.bundles.visitor.bytes, '≤ 256000', r.bundles.visitor.bytes <= 256_000],
    ['bundles.visitor.import_ms', r.bundles.visitor.import_ms, '≤ 100', r.bundles.visitor.import_ms <= 100],
    ['http.chat_turn.open_loop_200.p99_ms', chat.p99_ms, '≤ 20, 0 errors', chat.p99_ms <= 20 && chat.errors === 0],
    ['slots.p99_ms', r.slots.p99_ms, '≤ 5', r.slots.p99_ms <= 5],
    ['widget.gzip_bytes', r.widget.gzip_bytes, '≤ 15360', r.widget.gzip_bytes <= 15_360],
  ];
  return Object.fromEntries(entries.map(([key, value, target, holds]) => [key, { value, target, holds }]));
}

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KB`;

/** One row per measurement: what, measured, note. */
function rowsOf(r: BenchResults): Array<[string, string, string]> {
  const chat = r.http.chat_turn.open_loop_200;
  return [
    [
      'decision (500 rules, 200 reps)',
      `p50 ${r.decision.p50_us} µs, p99 ${r.decision.p99_us} µs (runs: ${r.decision.p99_us_runs.join(', ')})`,
      `json-rules-engine (tuned) p50 ${r.decision.peer_p50_us} µs (${r.decision.speedup_vs_peer}× slower); record ${r.decision.record_bytes} B, ${r.decision.outcome}`,
    ],
    [
      'simulation (100,000 visitors, 500 rules)',
      `${r.simulation.visitors_per_s} visitors/s, heap ${r.simulation.heap_mb} MB`,
      r.simulation.source,
    ],
    ['slots (50 reps, 14 days)', `p50 ${r.slots.p50_ms} ms, p99 ${r.slots.p99_ms} ms`, `${r.slots.slots} slots`],
    [
      'http chat turn, open loop 200 req/s for 10 s',
      `${chat.rps} req/s, p50 ${chat.p50_ms} ms, p99 ${chat.p99_ms} ms`,
      `${chat.errors} errors of ${chat.requests}; one turn alone p50 ${r.http.chat_turn.sequential_p50_ms} ms${generatorNote(chat)}; ${r.http.chat_turn.kind}`,
    ],
    [
      'http booking',
      `${r.http.booking.rps} req/s, p50 ${r.http.booking.p50_ms} ms, p99 ${r.http.booking.p99_ms} ms`,
      `${r.http.booking.errors} errors of ${r.http.booking.requests}`,
    ],
    [
      'DynamoDB calls',
      `routing turn ${r.dynamodb_calls.routing_turn} (${r.dynamodb_calls.routing_turn_round_trips ?? '?'} round trips), chat turn ${r.dynamodb_calls.chat_turn}`,
      [
        `booking ${r.dynamodb_calls.booking}`,
        ...(r.dynamodb_calls.bench_first_turn === undefined
          ? []
          : [
              `the HTTP bench's first turn ${r.dynamodb_calls.bench_first_turn} with its rate limits (${r.dynamodb_calls.bench_first_turn_round_trips} round trips), later turns ${r.dynamodb_calls.bench_later_turn} (${r.dynamodb_calls.bench_later_turn_round_trips})`,
            ]),
      ].join('; '),
    ],
    [
      'visitor function bundle (SDK from the runtime)',
      `${kb(r.bundles.visitor.bytes)} at a cold start, import ${r.bundles.visitor.import_ms} ms (then ${r.bundles.visitor.first_request_reads_ms ?? '?'} ms of SDK on its first request${groupsRead(r.bundles.visitor)})`,
      `public routes only; ${kb(r.bundles.visitor.lazy_bytes ?? 0)} more in chunks read on first use (route modules, pattern engine, calendar feeds, invitations)`,
    ],
    [
      "console's API bundle",
      `SDK from the runtime ${kb(r.bundles.api.bytes)}, import ${r.bundles.api.import_ms} ms`,
      `SDK bundled (as deployed) ${kb(r.bundles.api_with_sdk_bundled.bytes)}, import ${r.bundles.api_with_sdk_bundled.import_ms} ms`,
    ],
    [
      'other functions',
      `outbox forwarder ${kb(r.bundles.outbox_forwarder.bytes)}, ${r.bundles.outbox_forwarder.import_ms} ms`,
      `CRM sync ${kb(r.bundles.crm_sync.bytes)}, ${r.bundles.crm_sync.import_ms} ms`,
    ],
    ['widget launcher', `${r.widget.gzip_bytes} B gzipped`, 'loaded with the host page'],
    ['console', `${r.console.js_gzip_bytes} B JavaScript gzipped`, `${r.console.css_gzip_bytes} B CSS`],
    [
      'funnel report, 90 days',
      `p50 ${r.funnel_report.p50_ms} ms, p99 ${r.funnel_report.p99_ms} ms`,
      `${r.funnel_report.leads.toLocaleString('en')} leads' aggregates`,
    ],
    [
      'cost',
      `$${r.cost.usd_per_1000_conversations} per 1,000 conversations`,
      `${r.cost.invocations_per_conversation} invocations each`,
    ],
  ];
}

const machineOf = (r: BenchResults) =>
  `${r.machine.name}: ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memory_gb} GiB, Node ${r.machine.node}, load average ${r.machine.load_average_1m_start === undefined ? '' : `${r.machine.load_average_1m_start} at the start, `}${r.machine.load_average_1m} at the end`;

/** The table `npm run bench` prints. */
export function plainTable(r: BenchResults): string {
  const rows = rowsOf(r);
  const width = [Math.max(...rows.map((row) => row[0].length)), Math.max(...rows.map((row) => row[1].length))];
  const lines = [`Baton benchmark on ${machineOf(r)} (${r.seconds} s)`, ''];
  for (const [name, value, note] of rows) lines.push(`${name.padEnd(width[0]!)}  ${value.padEnd(width[1]!)}  ${note}`);
  lines.push('', 'targets (issue 17):');
  for (const [key, { value, target, holds }] of Object.entries(r.targets ?? targetsOf(r)))
    lines.push(`  ${key.padEnd(38)} ${String(value).padEnd(12)} ${target.padEnd(16)} ${holds ? 'holds' : 'missed'}`);
  return lines.join('\n');
}

/** The README's performance tables, in Markdown. */
export function markdownTables(r: BenchResults): string {
  const lines = [
    `Latest \`npm run bench\` (${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.seconds} s) on ${machineOf(r)}.`,
    '',
    '| what | measured | note |',
    '| --- | --- | --- |',
    ...rowsOf(r).map((row) => `| ${row.join(' | ')} |`),
    '',
    '| issue 17 target | measured | target | |',
    '| --- | --- | --- | --- |',
    ...Object.entries(r.targets ?? targetsOf(r)).map(
      ([key, { value, target, holds }]) => `| \`${key}\` | ${value} | ${target} | ${holds ? 'holds' : 'missed'} |`,
    ),
  ];
  return lines.join('\n');
}

const START = '<!-- bench:table (npm run bench:table writes this from bench/results.json) -->';
const END = '<!-- /bench:table -->';

/** `npm run bench:table`: the README's tables, between their markers, from bench/results.json. */
async function writeReadmeTable() {
  const results = JSON.parse(await readFile(new URL('./results.json', import.meta.url), 'utf8')) as BenchResults;
  const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
  const readme = await readFile(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
  await writeFile(
    readmePath,
    `${readme.slice(0, start + START.length)}\n${markdownTables(results)}\n${readme.slice(end)}`,
  );
  console.log(`README.md: performance tables from the run of ${results.date}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await writeReadmeTable();

/** The modules the first requests read, as the table states them: ', and 12 ms (create-app), ... reading ...'. */
function groupsRead(bundle: Bundle): string {
  const modules = Object.entries(bundle.first_request_modules_ms ?? {});
  if (modules.length === 0) return '';
  return `, and ${modules.map(([name, ms]) => `${ms} ms (${name})`).join(', ')} reading the modules first requests need`;
}
