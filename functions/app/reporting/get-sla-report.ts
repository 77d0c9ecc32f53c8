import { complianceOf, sumCounters } from '../../core/funnel/funnel-report.js';
import { SlaTerm } from '../../core/funnel/handoff-policy.js';
import type { Dependencies } from '../dependencies.js';

interface Compliance {
  met: number;
  breached: number;
  /** Met ÷ (met + breached); null when nothing was decided. */
  compliance: number | null;
}

export interface SlaReport {
  from: string;
  to: string;
  team: Compliance & { byTerm: Record<string, Compliance>; liveChats: LiveChats };
  reps: Array<
    Compliance & {
      repId: string;
      byTerm: Record<string, Compliance>;
      liveChats: LiveChats;
      /** Leads routed to the rep in the period, their share of all routed, and the share their pool weights promise. */
      routed: number;
      routedShare: number | null;
      weightShare: number | null;
    }
  >;
}

const compliance = (counters: Record<string, number>, term?: string): Compliance => {
  const count = (verdict: 'met' | 'breached') =>
    Object.entries(counters)
      .filter(([name]) => name.startsWith(`sla:${verdict}:`) && (!term || name === `sla:${verdict}:${term}`))
      .reduce((sum, [, amount]) => sum + amount, 0);
  const met = count('met');
  const breached = count('breached');
  return { met, breached, compliance: complianceOf(met, breached) };
};

interface LiveChats {
  ended: number;
  /** Chats the rep wrote in; the first response time is averaged over these. */
  answered: number;
  averageFirstResponseSeconds: number | null;
}

const liveChats = (counters: Record<string, number>): LiveChats => {
  const answered = counters['live:answered'] ?? 0;
  const seconds = counters['live:firstResponseSeconds'] ?? 0;
  return {
    ended: counters['live:ended'] ?? 0,
    answered,
    averageFirstResponseSeconds: answered === 0 ? null : Math.round((seconds / answered) * 10) / 10,
  };
};

const byTerm = (counters: Record<string, number>) =>
  Object.fromEntries(SlaTerm.options.map((term) => [term, compliance(counters, term)]));

/**
 * SLA compliance per rep and for the team over a date range (UTC days, both included), with each
 * rep's routing load against the weight the live rulebook's pools give them.
 */
export async function getSlaReport(
  deps: Pick<Dependencies, 'reports' | 'rulebooks'>,
  input: { siteKey: string; from: string; to: string },
): Promise<SlaReport> {
  const [rows, rulebook] = await Promise.all([
    deps.reports.read(input.siteKey, 'rep', input.from, input.to),
    deps.rulebooks.getLive(input.siteKey),
  ]);
  const perRep = new Map<string, Array<(typeof rows)[number]>>();
  for (const row of rows) perRep.set(row.value, [...(perRep.get(row.value) ?? []), row]);
  const weights = new Map<string, number>();
  for (const pool of rulebook?.pools ?? [])
    for (const member of pool.members) weights.set(member.repId, (weights.get(member.repId) ?? 0) + member.weight);
  const totalWeight = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  const team = sumCounters(rows);
  const totalRouted = team.routed ?? 0;
  const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
  const repIds = [...new Set([...perRep.keys(), ...weights.keys()])].sort();
  return {
    from: input.from,
    to: input.to,
    team: { ...compliance(team), byTerm: byTerm(team), liveChats: liveChats(team) },
    reps: repIds.map((repId) => {
      const counters = sumCounters(perRep.get(repId) ?? []);
      const routed = counters.routed ?? 0;
      return {
        repId,
        ...compliance(counters),
        byTerm: byTerm(counters),
        liveChats: liveChats(counters),
        routed,
        routedShare: share(routed, totalRouted),
        weightShare: weights.has(repId) ? share(weights.get(repId)!, totalWeight) : null,
      };
    }),
  };
}
