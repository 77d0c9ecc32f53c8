import type { HandoffPolicy, SlaPolicy, SlaTerm } from './handoff-policy.js';
import type { Lead, LeadStage } from './lead.js';

/** One deadline of one lead: started when its clock started (an assignment, MQL, acceptance). */
export interface SlaTimer {
  id: string;
  siteKey: string;
  visitorId: string;
  term: SlaTerm;
  /** The rep who owes it; null for marketing's term (in the CRM in time). */
  repId: string | null;
  startedAt: string;
  dueAt: string;
}

export type SlaVerdict = 'met' | 'breached' | 'moved-on' | 'pending';

const WORKED: readonly LeadStage[] = ['mql', 'sal', 'sql', 'opportunity'];
const QUALIFIED: readonly LeadStage[] = ['sql', 'opportunity', 'won'];

const plus = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
const acceptedAt = (lead: Lead) => lead.history.findLast((move) => move.to === 'sal')?.at ?? null;

/** The SLA deadlines a lead in this state runs against; each is identified by the lead, the term and its start. */
export function slaTimersOf(lead: Lead, policy: Pick<HandoffPolicy, 'sla'>): SlaTimer[] {
  const timers: SlaTimer[] = [];
  const add = (sla: SlaPolicy, repId: string | null, startedAt: string) =>
    timers.push({
      id: `sla:${lead.siteKey}:${lead.visitorId}:${sla.term}:${startedAt}`,
      siteKey: lead.siteKey,
      visitorId: lead.visitorId,
      term: sla.term,
      repId,
      startedAt,
      dueAt: plus(startedAt, sla.withinMinutes),
    });
  for (const sla of policy.sla) {
    switch (sla.term) {
      case 'in-crm':
        if (lead.mqlAt) add(sla, null, lead.mqlAt);
        break;
      case 'first-touch':
        if (lead.ownerRepId && lead.assignedAt && lead.firstTouchAt === null && WORKED.includes(lead.stage))
          add(sla, lead.ownerRepId, lead.assignedAt);
        break;
      case 'accept-or-reject':
        if (lead.ownerRepId && lead.assignedAt && lead.stage === 'mql') add(sla, lead.ownerRepId, lead.assignedAt);
        break;
      case 'follow-up-attempts': {
        const since = acceptedAt(lead);
        if (lead.stage === 'sal' && since && lead.attempts < (sla.minAttempts ?? 1)) add(sla, lead.ownerRepId, since);
        break;
      }
    }
  }
  return timers;
}

/**
 * Whether a lead kept a promise, at `now`: met, breached, still running, or moved on (reassigned,
 * handed back, re-qualified), in which case the timer has nothing left to say.
 */
export function judgeSla(
  lead: Lead,
  timer: SlaTimer,
  now: string,
  policy: Pick<HandoffPolicy, 'sla'>,
  syncedToCrm: boolean,
): SlaVerdict {
  const due = Date.parse(timer.dueAt);
  const overdue = Date.parse(now) >= due;
  const sameAssignment = lead.assignedAt === timer.startedAt && lead.ownerRepId === timer.repId;
  switch (timer.term) {
    case 'in-crm':
      if (lead.mqlAt !== timer.startedAt) return 'moved-on';
      return syncedToCrm ? 'met' : overdue ? 'breached' : 'pending';
    case 'first-touch':
      if (!sameAssignment) return 'moved-on';
      if (lead.firstTouchAt) return Date.parse(lead.firstTouchAt) <= due ? 'met' : 'breached';
      if (!WORKED.includes(lead.stage)) return 'moved-on';
      return overdue ? 'breached' : 'pending';
    case 'accept-or-reject': {
      const decided = lead.history.find(
        (move) => move.from === 'mql' && Date.parse(move.at) >= Date.parse(timer.startedAt),
      );
      if (decided) return Date.parse(decided.at) <= due ? 'met' : 'breached';
      if (!sameAssignment) return 'moved-on';
      return overdue ? 'breached' : 'pending';
    }
    case 'follow-up-attempts': {
      if (acceptedAt(lead) !== timer.startedAt && lead.stage === 'sal') return 'moved-on';
      const needed = policy.sla.find((sla) => sla.term === 'follow-up-attempts')?.minAttempts ?? 1;
      if (lead.attempts >= needed || QUALIFIED.includes(lead.stage)) return 'met';
      // Giving up (recycled, rejected, lost) before the attempts is the breach itself.
      if (lead.stage !== 'sal') return 'breached';
      return overdue ? 'breached' : 'pending';
    }
  }
}

/**
 * What a change of a lead does to its SLA clocks: deadlines its new state runs against start, and
 * those it no longer runs against stop with their verdict (met, breached when giving up too early,
 * or moved on).
 */
export function slaChanges(
  before: Lead | null,
  after: Lead,
  now: string,
  policy: Pick<HandoffPolicy, 'sla'>,
): { start: SlaTimer[]; stop: Array<{ timer: SlaTimer; verdict: SlaVerdict }> } {
  const previous = before ? slaTimersOf(before, policy) : [];
  const current = slaTimersOf(after, policy);
  const currentIds = new Set(current.map((timer) => timer.id));
  const previousIds = new Set(previous.map((timer) => timer.id));
  return {
    start: current.filter((timer) => !previousIds.has(timer.id)),
    stop: previous
      .filter((timer) => !currentIds.has(timer.id))
      .map((timer) => {
        const verdict = judgeSla(after, timer, now, policy, false);
        return { timer, verdict: verdict === 'pending' ? 'moved-on' : verdict };
      }),
  };
}
