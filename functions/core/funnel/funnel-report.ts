import { LeadStage } from './lead.js';

/** The stages a report counts entries into, in funnel order. */
export const REPORTED_STAGES = LeadStage.exclude(['visitor']).options;

/**
 * Speed to lead is kept as a histogram, so it can be added to with one atomic counter: per minute up
 * to a day, per hour up to 30 days, then "over". A percentile is the upper bound of its bucket.
 */
export function speedToLeadBucket(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes <= 1440) return `stl:m${minutes}`;
  const hours = Math.ceil(seconds / 3600);
  return hours <= 720 ? `stl:h${hours}` : 'stl:over';
}

const bucketSeconds = (bucket: string): number => {
  if (bucket === 'stl:over') return Number.POSITIVE_INFINITY;
  const amount = Number(bucket.slice(5));
  return bucket[4] === 'm' ? amount * 60 : amount * 3600;
};

/** Nearest-rank percentile over the histogram: the smallest bucket bound holding at least p of the values. */
export function histogramPercentile(counters: Record<string, number>, p: number): number | null {
  const buckets = Object.entries(counters)
    .filter(([name, count]) => name.startsWith('stl:') && count > 0)
    .map(([name, count]) => ({ seconds: bucketSeconds(name), count }))
    .sort((a, b) => a.seconds - b.seconds);
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const bucket of buckets) {
    seen += bucket.count;
    if (seen >= rank) return Number.isFinite(bucket.seconds) ? bucket.seconds : null;
  }
  return null;
}

export const sumCounters = (rows: ReadonlyArray<{ counters: Record<string, number> }>): Record<string, number> => {
  const sum: Record<string, number> = {};
  for (const row of rows)
    for (const [name, amount] of Object.entries(row.counters)) sum[name] = (sum[name] ?? 0) + amount;
  return sum;
};

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;

export interface FunnelCounts {
  entered: Record<(typeof REPORTED_STAGES)[number], number>;
  conversion: {
    mqlToSal: number | null;
    salToSql: number | null;
    sqlToOpportunity: number | null;
    opportunityToWon: number | null;
  };
}

/** Entries into each stage in the period, and stage-to-stage conversion as entries into the next ÷ entries into this. */
export function funnelCounts(counters: Record<string, number>): FunnelCounts {
  const entered = Object.fromEntries(
    REPORTED_STAGES.map((stage) => [stage, counters[`entered:${stage}`] ?? 0]),
  ) as FunnelCounts['entered'];
  return {
    entered,
    conversion: {
      mqlToSal: ratio(entered.sal, entered.mql),
      salToSql: ratio(entered.sql, entered.sal),
      sqlToOpportunity: ratio(entered.opportunity, entered.sql),
      opportunityToWon: ratio(entered.won, entered.opportunity),
    },
  };
}

export const complianceOf = (met: number, breached: number) => ratio(met, met + breached);
