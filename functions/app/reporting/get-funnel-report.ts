import { type FunnelCounts, funnelCounts, histogramPercentile, sumCounters } from '../../core/funnel/funnel-report.js';
import type { ReportDimension } from '../../ports/report-store.js';
import type { Dependencies } from '../dependencies.js';

export type FunnelGroupBy = 'source' | 'campaign' | 'rule' | 'rulebookVersion';

const dimensionOf: Record<FunnelGroupBy, ReportDimension> = {
  source: 'source',
  campaign: 'campaign',
  rule: 'rule',
  rulebookVersion: 'version',
};

export interface FunnelReport extends FunnelCounts {
  from: string;
  to: string;
  groupBy: FunnelGroupBy | null;
  groups: Array<{ value: string } & FunnelCounts>;
  conversations: number;
  meetings: number;
  /** Meetings ÷ conversations. */
  demoBookingRate: number | null;
  /** From MQL to the first follow-up attempt; each percentile is the upper bound of its histogram bucket. */
  speedToLead: { count: number; p50Seconds: number | null; p90Seconds: number | null };
  rejectionsBySource: Array<{ source: string; total: number; reasons: Record<string, number> }>;
}

/**
 * The funnel of a date range (UTC days, both included) from the aggregates: entries into each stage
 * and stage-to-stage conversion, overall and by source, campaign, routing rule or rulebook version;
 * demo booking rate; speed to lead; rejection reasons by source. Reads one query per dimension.
 */
export async function getFunnelReport(
  deps: Pick<Dependencies, 'reports'>,
  input: { siteKey: string; from: string; to: string; groupBy?: FunnelGroupBy | undefined },
): Promise<FunnelReport> {
  const [allRows, sourceRows, groupRows] = await Promise.all([
    deps.reports.read(input.siteKey, 'all', input.from, input.to),
    deps.reports.read(input.siteKey, 'source', input.from, input.to),
    input.groupBy && input.groupBy !== 'source'
      ? deps.reports.read(input.siteKey, dimensionOf[input.groupBy], input.from, input.to)
      : Promise.resolve(null),
  ]);
  const all = sumCounters(allRows);
  const byValue = (rows: typeof allRows) => {
    const values = new Map<string, typeof allRows>();
    for (const row of rows) values.set(row.value, [...(values.get(row.value) ?? []), row]);
    return [...values.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([value, rows]) => ({ value, counters: sumCounters(rows) }));
  };
  const sources = byValue(sourceRows);
  const grouped = input.groupBy ? (input.groupBy === 'source' ? sources : byValue(groupRows ?? [])) : [];
  const conversations = all.conversations ?? 0;
  const meetings = all.meetings ?? 0;
  const speedCount = Object.entries(all)
    .filter(([name]) => name.startsWith('stl:'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    from: input.from,
    to: input.to,
    groupBy: input.groupBy ?? null,
    ...funnelCounts(all),
    groups: grouped.map(({ value, counters }) => ({ value, ...funnelCounts(counters) })),
    conversations,
    meetings,
    demoBookingRate: conversations === 0 ? null : Math.round((meetings / conversations) * 10_000) / 10_000,
    speedToLead: {
      count: speedCount,
      p50Seconds: histogramPercentile(all, 0.5),
      p90Seconds: histogramPercentile(all, 0.9),
    },
    rejectionsBySource: sources
      .map(({ value, counters }) => {
        const reasons = Object.fromEntries(
          Object.entries(counters)
            .filter(([name, count]) => name.startsWith('rejected:') && count > 0)
            .map(([name, count]) => [name.slice('rejected:'.length), count]),
        );
        return { source: value, total: Object.values(reasons).reduce((sum, count) => sum + count, 0), reasons };
      })
      .filter((entry) => entry.total > 0),
  };
}
