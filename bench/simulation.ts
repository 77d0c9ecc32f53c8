import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalClients } from '../functions/adapters/dynamodb/local-client.js';
import { ensureTable } from '../functions/adapters/dynamodb/ensure-table.js';
import { putRulebookDraft } from '../functions/app/rulebook/put-rulebook-draft.js';
import { runDraftSimulation } from '../functions/app/rulebook/run-draft-simulation.js';
import { startDraftSimulation } from '../functions/app/rulebook/start-draft-simulation.js';
import { buildDependencies } from '../functions/composition/build-dependencies.js';
import { createLogger } from '../functions/composition/create-logger.js';
import { weekdays } from '../functions/core/routing/rep.js';
import { startEmbeddedStore } from '../functions/local/embedded-store.js';
import { largeRulebookForBench, visitorForBench } from './decision.js';

const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'PT', 'BR', 'MX', 'AU'];
const SITE = 'bench';
const DAY_MS = 86_400_000;

/**
 * 100,000 visitors STORED in the embedded store (seen over the last 30 days), replayed through the
 * 500-rule live rulebook and a draft that lowers its MQL bar, end to end through the job: started as the
 * API starts it, run as the worker runs it (claim, reps' availability, the store's pages, progress, the
 * report written back). Heap is sampled while the job runs; seeding the store is not timed.
 */
export async function benchSimulation(visitors = 100_000) {
  const store = await startEmbeddedStore();
  // As the local runtime reaches its store: by message to the store's own thread.
  const { raw, doc } = createLocalClients(store.endpoint, store.credentials, store.requestHandler);
  try {
    await ensureTable(raw, 'baton');
    const now = new Date('2026-11-25T17:00:00Z');
    const deps = buildDependencies({
      db: doc,
      tableName: 'baton',
      logger: createLogger('ERROR', 'baton-bench'),
      clock: () => new Date(),
      mailer: { send: async () => ({ messageId: 'none' }) },
    });
    const live = largeRulebookForBench();
    await deps.rulebooks.putLiveIfAbsent(SITE, live, now.toISOString());
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        deps.reps.put(SITE, {
          repId: `rep-${i}`,
          name: `Rep ${i}`,
          email: `rep-${i}@bench.test`,
          timeZone: 'UTC',
          workingHours: weekdays([['09:00', '17:00']]),
          outOfOffice: [],
          calendars: [],
          active: true,
        }),
      ),
    );
    const { version: _version, ...content } = live;
    const marketing = { userId: 'bench', name: 'Bench', roles: ['marketing' as const], sites: [SITE], repId: null };
    await putRulebookDraft(deps, SITE, marketing, {
      ...content,
      scoring: { ...content.scoring, thresholds: { mql: content.scoring.thresholds.mql - 20 } },
    });
    const base = visitorForBench(now);
    const seedStarted = performance.now();
    // Written 25 to a BatchWriteItem as DynamoDbVisitorStore.save lays a profile out (the job's
    // visitor count checks that the store reads every one back); save() one by one took minutes.
    const itemOf = (n: number) => {
      const visitorId = `V${String(n).padStart(7, '0')}`;
      const seen = new Date(Date.now() - (n % 29) * DAY_MS - (n % 1000) * 1000).toISOString();
      const profile = {
        ...base,
        visitorId,
        siteKey: SITE,
        firstSeenAt: seen,
        lastSeenAt: seen,
        version: 1,
        geo: { ...base.geo, country: COUNTRIES[n % COUNTRIES.length]! },
        account: { ...base.account, employees: 20 + ((n * 37) % 5000) },
      };
      return {
        pk: `VISITOR#${visitorId}`,
        sk: 'PROFILE',
        type: 'visitor',
        gsi1pk: `SITE#${SITE}#VISITORS`,
        gsi1sk: `${seen}#${visitorId}`,
        version: 1,
        profile,
      };
    };
    const batches = Array.from({ length: Math.ceil(visitors / 25) }, (_, b) => b);
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let b = writer; b < batches.length; b += 8) {
          let requests = Array.from({ length: Math.min(25, visitors - b * 25) }, (_, i) => ({
            PutRequest: { Item: itemOf(b * 25 + i) },
          }));
          while (requests.length) {
            const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: { baton: requests } }));
            requests = (UnprocessedItems?.baton ?? []) as typeof requests;
          }
        }
      }),
    );
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 20);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const job = await startDraftSimulation(deps, SITE, 30, marketing);
    const [requested] = (await deps.outbox.pending(10))
      .flatMap((batch) => batch.events)
      .filter((event) => event.detailType === 'SimulationRequested');
    await runDraftSimulation(deps, requested!);
    const done = await deps.simulations.get(SITE, job.simulationId);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    if (done?.status !== 'succeeded') throw new Error(`the simulation job ${done?.status}: ${done?.error}`);
    if (done.result!.visitors !== visitors)
      throw new Error(`simulated ${done.result!.visitors} of ${visitors} visitors`);
    return {
      visitors,
      source: 'stored in the embedded store, end to end through the job',
      seconds: Math.round(seconds * 10) / 10,
      visitors_per_s: Math.round(visitors / seconds),
      heap_mb: Math.round(heapPeak / 2 ** 20),
      // On a shared host the wall clock waits for other processes; the CPU the job took does not.
      cpu_seconds: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
      changed: done.result!.changedCount,
      seed_seconds: Math.round(seedSeconds),
    };
  } finally {
    raw.destroy();
    doc.destroy();
    await store.close();
  }
}
