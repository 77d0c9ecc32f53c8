import { DynamoDbReportStore } from '../functions/adapters/dynamodb/report-store.dynamodb.js';
import { ensureTable } from '../functions/adapters/dynamodb/ensure-table.js';
import { createLocalClients } from '../functions/adapters/dynamodb/local-client.js';
import { getFunnelReport } from '../functions/app/reporting/get-funnel-report.js';
import { startEmbeddedStore } from '../functions/local/embedded-store.js';
import { percentile } from './stats.js';

const SOURCES = [
  'google',
  'linkedin',
  'bing',
  'newsletter',
  'partner',
  'events',
  'direct',
  'twitter',
  'g2',
  'capterra',
];

/**
 * A 90-day funnel over a million leads: the aggregates a million leads leave behind (what the event
 * consumer writes: a row per day and dimension value) are seeded, then the report is read 20 times.
 * The cost of a report depends on days × dimension values, not on the number of leads.
 */
export async function benchFunnelReport(runs = 20) {
  const store = await startEmbeddedStore();
  const { raw, doc } = createLocalClients(store.endpoint, store.credentials);
  await ensureTable(raw, 'bench');
  const reports = new DynamoDbReportStore(doc, 'bench');
  const perDay = Math.round(1_000_000 / 90);
  const start = Date.parse('2026-08-01T00:00:00Z');
  for (let d = 0; d < 90; d++) {
    const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    const counters = {
      'entered:mql': perDay,
      'entered:sal': Math.round(perDay * 0.6),
      'entered:sql': Math.round(perDay * 0.3),
    };
    await reports.add('bench', 'all', day, 'all', {
      ...counters,
      conversations: perDay * 3,
      meetings: perDay,
      'stl:m5': perDay,
    });
    for (const source of SOURCES)
      await reports.add('bench', 'source', day, source, {
        'entered:mql': Math.round(perDay / SOURCES.length),
        'rejected:not-icp': 3,
      });
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await getFunnelReport({ reports }, { siteKey: 'bench', from: '2026-08-01', to: '2026-10-29', groupBy: 'source' });
    times.push(performance.now() - began);
  }
  raw.destroy();
  doc.destroy();
  await store.close();
  const result = {
    leads: perDay * 90,
    days: 90,
    p50_ms: Math.round(percentile(times, 50) * 10) / 10,
    p99_ms: Math.round(percentile(times, 99) * 10) / 10,
  };
  process.stderr.write(
    `bench: 90-day funnel over ${result.leads} leads: p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms\n`,
  );
  return result;
}
