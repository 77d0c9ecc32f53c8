import type { RepAvailabilityState } from '../functions/core/routing/order-pool-candidates.js';
import { startSimulation } from '../functions/core/rulebook/simulate-rulebook.js';
import type { VisitorProfile } from '../functions/core/visitors/visitor-profile.js';
import { largeRulebookForBench, visitorForBench } from './decision.js';

const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'PT', 'BR', 'MX', 'AU'];

/**
 * 100,000 visitors through the 500-rule live rulebook and a draft that changes its MQL bar, fed page
 * by page (500 a page, as the store returns them) and generated on the fly: what it measures is the
 * replay and the bounded memory, not the store's reads.
 */
export async function benchSimulation(visitors = 100_000) {
  const live = largeRulebookForBench();
  const draft = {
    ...live,
    version: 2,
    scoring: { ...live.scoring, thresholds: { mql: live.scoring.thresholds.mql - 20 } },
  };
  const now = new Date('2026-11-25T17:00:00Z');
  const states = new Map<string, RepAvailabilityState>(
    Array.from({ length: 200 }, (_, i) => [
      `rep-${i}`,
      { repId: `rep-${i}`, known: true, outOfOfficeUntil: null, hasOpenSlot: true, assignedToday: 0 },
    ]),
  );
  const base = visitorForBench(now);
  const page = (from: number, size: number): VisitorProfile[] =>
    Array.from({ length: size }, (_, i) => {
      const n = from + i;
      return {
        ...base,
        visitorId: `V${n}`,
        geo: { ...base.geo, country: COUNTRIES[n % COUNTRIES.length]! },
        account: { ...base.account, employees: 20 + ((n * 37) % 5000) },
      };
    });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const simulation = startSimulation(live, draft, states, now);
  const started = performance.now();
  for (let from = 0; from < visitors; from += 500) {
    await simulation.add(page(from, Math.min(500, visitors - from)));
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  const report = simulation.report();
  if (report.visitors !== visitors) throw new Error(`simulated ${report.visitors} of ${visitors} visitors`);
  return {
    visitors,
    source: 'generated pages of 500 (not read from the store)',
    seconds: Math.round(seconds * 10) / 10,
    visitors_per_s: Math.round(visitors / seconds),
    heap_mb: Math.round(heapPeak / 2 ** 20),
    changed: report.changedCount,
  };
}
