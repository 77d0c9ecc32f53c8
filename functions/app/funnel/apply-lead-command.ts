import { type DomainEvent, domainEvent } from '../../core/events/domain-event.js';
import type { HandoffPolicy } from '../../core/funnel/handoff-policy.js';
import { type Actor, type Lead, newLead } from '../../core/funnel/lead.js';
import { type LeadCommand, moveLead } from '../../core/funnel/move-lead.js';
import { type SlaTimer, type SlaVerdict, slaChanges } from '../../core/funnel/sla.js';
import { handoffPolicyOf } from '../../core/rulebook/rulebook.js';
import { LeadChangedError } from '../../ports/lead-store.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, DomainError, notFound } from '../errors.js';
import { scheduledSlaTimer, slaTimerId } from './sla-timer.js';

export type LeadDeps = Pick<Dependencies, 'leads' | 'rulebooks' | 'clock' | 'timers'>;

export interface LeadCommandInput {
  siteKey: string;
  visitorId: string;
  command: LeadCommand;
  by: Actor;
  /** Start the lead when there is none yet (events do; people act on existing leads only). */
  createWith?: { source: string | null; campaign: string | null; at: string };
  /** Refuses (throws) when the caller may not act on this lead. */
  guard?: (lead: Lead) => void;
}

const ATTEMPTS = 3;

/** The site's hand-off terms from its live rulebook (the seed's when none is live). */
export async function handoffPolicyFor(deps: Pick<Dependencies, 'rulebooks'>, siteKey: string): Promise<HandoffPolicy> {
  const live = await deps.rulebooks.getLive(siteKey);
  return handoffPolicyOf(live ?? {});
}

/** An SLA that stopped or fired, as the event reports and notifications are built from. */
export function slaVerdictEvent(timer: SlaTimer, verdict: SlaVerdict, at: string, reassignedTo: string | null = null) {
  const detail = { visitorId: timer.visitorId, term: timer.term, dueAt: timer.dueAt, repId: timer.repId };
  if (verdict === 'met') return [domainEvent('SlaMet', `${timer.id}:met`, timer.siteKey, at, detail)];
  if (verdict === 'breached')
    return [domainEvent('SlaBreached', `${timer.id}:breached`, timer.siteKey, at, { ...detail, reassignedTo })];
  return [];
}

/**
 * Loads a lead, applies one command through the pure lifecycle, and stores the result with its
 * events in one conditional write; a concurrent change is retried from a fresh read. SLA clocks
 * the new state runs against are scheduled and those it no longer runs against are cancelled,
 * their verdict recorded as SlaMet or SlaBreached.
 */
export async function applyLeadCommand(
  deps: LeadDeps,
  input: LeadCommandInput,
  extraEvents: readonly DomainEvent[] = [],
): Promise<{ lead: Lead; outcome: 'moved' | 'ignored' }> {
  const policy = await handoffPolicyFor(deps, input.siteKey);
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.leads.get(input.siteKey, input.visitorId);
    if (!stored && !input.createWith)
      throw notFound('Unknown lead', `No lead of the site "${input.siteKey}" has the id "${input.visitorId}".`);
    const lead = stored ?? newLead(input.siteKey, input.visitorId, input.createWith!.at, input.createWith!);
    if (stored) input.guard?.(stored);
    const now = deps.clock().toISOString();
    const result = moveLead(lead, input.command, input.by, now, policy);
    if (result.outcome === 'refused')
      throw result.kind === 'conflict'
        ? conflict('Move not allowed', result.reason)
        : new DomainError('invalid', 'Move not valid', result.reason);
    if (result.outcome === 'ignored') return { lead, outcome: 'ignored' };

    const sla = slaChanges(stored, result.lead, now, policy);
    const events = [
      ...result.events,
      ...sla.stop.flatMap(({ timer, verdict }) => slaVerdictEvent(timer, verdict, now)),
      ...extraEvents,
    ];
    try {
      await deps.leads.save(result.lead, events);
    } catch (error) {
      if (error instanceof LeadChangedError && attempt < ATTEMPTS) continue;
      if (error instanceof LeadChangedError)
        throw conflict('Lead changed', 'The lead was changed by someone else meanwhile; reload it.');
      throw error;
    }
    // After the write: a timer for a state that was not stored would fire for nothing (and does nothing).
    for (const { timer } of sla.stop) await deps.timers.cancel(slaTimerId(timer));
    for (const timer of sla.start) await deps.timers.schedule(scheduledSlaTimer(timer));
    return { lead: result.lead, outcome: 'moved' };
  }
}
