import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, sitePath } from '../api.js';
import { siteKey } from '../session.js';
import { Async, PageTitle, percent, useResource } from '../ui.js';
import { type LeadView, listAllLeads } from './leads.js';

const FUNNEL = ['mql', 'sal', 'sql', 'opportunity', 'won'] as const;
const REACHED: Record<string, number> = { mql: 0, sal: 1, sql: 2, opportunity: 3, won: 4, lost: 3 };
const COLORS = ['#1f5fbf', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490'];

interface Figures {
  reached: number[];
  medianHoursToTouch: number | null;
  slaCompliance: { inTime: number; judged: number };
  rejections: { reasons: string[]; sources: string[]; counts: number[][] };
  load: Array<{ repId: string; leads: number; weightShare: number }>;
  total: number;
}

/** Report figures from the leads in the range (the API's report endpoints, when present, answer the same). */
export function figuresOf(leads: LeadView[], weights: Map<string, number>): Figures {
  const reached = FUNNEL.map(
    (_, index) =>
      leads.filter((lead) => (REACHED[lead.stage] ?? -1) >= index || (lead.rejection && index === 0)).length,
  );
  const touchHours = leads
    .filter((lead) => lead.assignedAt && lead.firstTouchAt)
    .map((lead) => (Date.parse(lead.firstTouchAt!) - Date.parse(lead.assignedAt!)) / 3600_000)
    .sort((a, b) => a - b);
  const median = touchHours.length ? touchHours[Math.floor(touchHours.length / 2)]! : null;
  const judged = leads.filter(
    (lead) => lead.assignedAt && (lead.firstTouchAt || Date.now() - Date.parse(lead.assignedAt) > 24 * 3600_000),
  );
  const inTime = judged.filter(
    (lead) => lead.firstTouchAt && Date.parse(lead.firstTouchAt) - Date.parse(lead.assignedAt!) <= 24 * 3600_000,
  );
  const rejected = leads.filter((lead) => lead.rejection);
  const reasons = [...new Set(rejected.map((lead) => lead.rejection!.reasonId))].sort();
  const sources = [...new Set(rejected.map((lead) => lead.source ?? 'direct'))].sort();
  const counts = sources.map((source) =>
    reasons.map(
      (reason) =>
        rejected.filter((lead) => (lead.source ?? 'direct') === source && lead.rejection!.reasonId === reason).length,
    ),
  );
  const owned = new Map<string, number>();
  for (const lead of leads) if (lead.ownerRepId) owned.set(lead.ownerRepId, (owned.get(lead.ownerRepId) ?? 0) + 1);
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  const repIds = [...new Set([...owned.keys(), ...weights.keys()])].sort();
  return {
    reached,
    medianHoursToTouch: median,
    slaCompliance: { inTime: inTime.length, judged: judged.length },
    rejections: { reasons, sources, counts },
    load: repIds.map((repId) => ({
      repId,
      leads: owned.get(repId) ?? 0,
      weightShare: (weights.get(repId) ?? 0) / totalWeight,
    })),
    total: leads.length,
  };
}

function BarChart({
  title,
  labels,
  series,
}: {
  title: string;
  labels: string[];
  series: Array<{ name: string; values: number[] }>;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || labels.length === 0) return;
    const width = Math.max(280, box.current.clientWidth);
    // Series stand side by side around each label: two series take the left and right half.
    const align = (index: number): -1 | 0 | 1 => (series.length === 2 ? (index === 0 ? -1 : 1) : 0);
    const chart = new uPlot(
      {
        width,
        height: 220,
        title,
        scales: {
          x: { time: false, range: () => [-0.5, labels.length - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [
          {
            splits: () => labels.map((_, index) => index),
            values: (_u, ticks) => ticks.map((tick) => labels[tick] ?? ''),
          },
          { incrs: [1, 2, 5, 10, 20, 50, 100] },
        ],
        series: [
          {},
          ...series.map((s, index) => ({
            label: s.name,
            fill: COLORS[index % COLORS.length],
            stroke: COLORS[index % COLORS.length],
            paths: uPlot.paths.bars!({ size: [series.length === 2 ? 0.35 : 0.6, 80], align: align(index) }),
            points: { show: false },
          })),
        ],
      },
      [labels.map((_, index) => index), ...series.map((s) => s.values)],
      box.current,
    );
    return () => chart.destroy();
  }, [title, JSON.stringify(labels), JSON.stringify(series)]);
  return <div class="chart" ref={box} aria-hidden="true" />;
}

export function DashboardPage() {
  const site = siteKey.value;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [source, setSource] = useState('');
  const data = useResource(async () => {
    const [leads, draft] = await Promise.all([
      listAllLeads(site, {
        from: from ? new Date(from).toISOString() : undefined,
        to: to ? new Date(`${to}T23:59:59`).toISOString() : undefined,
        source: source || undefined,
      }),
      api<{ content: { pools: Array<{ members: Array<{ repId: string; weight: number }> }> } }>(
        sitePath(site, '/rulebook/draft'),
      ),
    ]);
    const weights = new Map<string, number>();
    for (const pool of draft.content.pools)
      for (const member of pool.members) weights.set(member.repId, (weights.get(member.repId) ?? 0) + member.weight);
    return figuresOf(leads, weights);
  }, [site, from, to, source]);
  return (
    <>
      <PageTitle title="Dashboard" />
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Source
          <input
            placeholder="any"
            value={source}
            onChange={(e) => setSource((e.target as HTMLInputElement).value.trim())}
          />
        </label>
      </form>
      <Async
        resource={data}
        what="the dashboard"
        isEmpty={(f) => f.total === 0}
        empty={<p>No leads in this range yet.</p>}
      >
        {(f) => (
          <>
            <div class="kpis">
              {FUNNEL.map((stage, index) => (
                <div class="kpi" key={stage}>
                  {stage.toUpperCase()}
                  <strong>{f.reached[index]}</strong>
                  {index > 0 ? (
                    <span class="hint">
                      {percent(f.reached[index]!, f.reached[index - 1]!)} of {FUNNEL[index - 1]!.toUpperCase()}
                    </span>
                  ) : (
                    <span class="hint">reached the hand-off</span>
                  )}
                </div>
              ))}
              <div class="kpi">
                Speed to lead
                <strong>{f.medianHoursToTouch === null ? '—' : `${f.medianHoursToTouch.toFixed(1)} h`}</strong>
                <span class="hint">median, assignment to first touch</span>
              </div>
              <div class="kpi">
                SLA compliance
                <strong>{percent(f.slaCompliance.inTime, f.slaCompliance.judged)}</strong>
                <span class="hint">first touch within 24 h ({f.slaCompliance.judged} judged)</span>
              </div>
            </div>
            <section class="card" aria-labelledby="rejections-heading">
              <h2 id="rejections-heading">Rejection reasons by source</h2>
              {f.rejections.reasons.length === 0 ? (
                <p class="empty">No lead was rejected in this range.</p>
              ) : (
                <>
                  <BarChart
                    title="Rejections"
                    labels={f.rejections.reasons}
                    series={f.rejections.sources.map((s, index) => ({ name: s, values: f.rejections.counts[index]! }))}
                  />
                  <div class="table-wrap">
                    <table>
                      <caption>Rejections by reason and source</caption>
                      <thead>
                        <tr>
                          <th scope="col">Source</th>
                          {f.rejections.reasons.map((reason) => (
                            <th scope="col" class="num" key={reason}>
                              {reason}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {f.rejections.sources.map((s, index) => (
                          <tr key={s}>
                            <th scope="row">{s}</th>
                            {f.rejections.counts[index]!.map((count, reasonIndex) => (
                              <td class="num" key={reasonIndex}>
                                {count}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </section>
            <section class="card" aria-labelledby="load-heading">
              <h2 id="load-heading">Rep load against weight</h2>
              <BarChart
                title="Share of leads vs share of weight (%)"
                labels={f.load.map((row) => row.repId)}
                series={[
                  {
                    name: 'leads %',
                    values: f.load.map((row) => Math.round((row.leads / Math.max(1, f.total)) * 100)),
                  },
                  { name: 'weight %', values: f.load.map((row) => Math.round(row.weightShare * 100)) },
                ]}
              />
              <div class="table-wrap">
                <table>
                  <caption>Leads per rep</caption>
                  <thead>
                    <tr>
                      <th scope="col">Rep</th>
                      <th scope="col" class="num">
                        Leads
                      </th>
                      <th scope="col" class="num">
                        Share of weight
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {f.load.map((row) => (
                      <tr key={row.repId}>
                        <th scope="row">{row.repId}</th>
                        <td class="num">{row.leads}</td>
                        <td class="num">{Math.round(row.weightShare * 100)}%</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
      </Async>
    </>
  );
}
