import { judgeSla, type SlaTimer } from '../../core/funnel/sla.js';
import { weightedSequence } from '../../core/routing/order-pool-candidates.js';
import type { Dependencies } from '../dependencies.js';
import { applyLeadCommand, handoffPolicyFor, slaVerdictEvent } from '../funnel/apply-lead-command.js';
import { LeadChangedError } from '../../ports/lead-store.js';
import { scheduledSlaTimer } from '../funnel/sla-timer.js';

type Deps = Pick<
  Dependencies,
  'leads' | 'rulebooks' | 'clock' | 'timers' | 'sync' | 'crm' | 'decisions' | 'reps' | 'routingState'
>;

/**
 * An SLA deadline arrived. A lead that moved on in time (touched, accepted or rejected, reassigned,
 * synced) leaves nothing to do but record a kept promise; otherwise SlaBreached is stored with the
 * lead (its consumer tells the rep's manager) and, when the policy says so, the lead goes to the
 * pool's next rep, who takes that turn of the rotation.
 */
export async function fireSlaTimer(deps: Deps, timer: SlaTimer): Promise<'met' | 'breached' | 'moved-on'> {
  const policy = await handoffPolicyFor(deps, timer.siteKey);
  for (let attempt = 0; attempt < 3; attempt++) {
    const lead = await deps.leads.get(timer.siteKey, timer.visitorId);
    if (!lead) return 'moved-on';
    const now = deps.clock().toISOString();
    const synced =
      timer.term === 'in-crm' &&
      ((await deps.sync.statuses(timer.visitorId)).some((status) => status.status === 'synced') ||
        (deps.crm.providers.length === 0 && deps.crm.webhook === null));
    const verdict = judgeSla(lead, timer, now, policy, synced);
    if (verdict === 'moved-on') return verdict;
    if (verdict === 'pending') {
      // Fired early (clock skew between runners): wait for the real deadline.
      await deps.timers.schedule(scheduledSlaTimer(timer));
      return 'moved-on';
    }
    const terms = policy.sla.find((sla) => sla.term === timer.term);
    const nextRep =
      verdict === 'breached' && terms?.reassign && (timer.term === 'first-touch' || timer.term === 'accept-or-reject')
        ? await nextRepOfPool(deps, lead.conversationId, timer.siteKey, timer.repId)
        : null;
    const events = slaVerdictEvent(timer, verdict, now, nextRep);
    if (nextRep) {
      await applyLeadCommand(
        deps,
        {
          siteKey: timer.siteKey,
          visitorId: timer.visitorId,
          command: { type: 'reassign', repId: nextRep, why: `${timer.term} SLA breached by ${timer.repId}` },
          by: { kind: 'event', event: 'SlaBreached' },
        },
        events,
      );
      return verdict;
    }
    try {
      await deps.leads.save({ ...lead, version: lead.version + 1 }, events);
      return verdict;
    } catch (error) {
      if (!(error instanceof LeadChangedError)) throw error;
    }
  }
  return 'moved-on';
}

/** The next active rep in the rotation of the pool that routed the lead, other than the one who breached. */
async function nextRepOfPool(
  deps: Pick<Deps, 'decisions' | 'rulebooks' | 'reps' | 'routingState'>,
  conversationId: string | null,
  siteKey: string,
  breachedBy: string | null,
): Promise<string | null> {
  const decision = conversationId ? await deps.decisions.get(conversationId) : null;
  const poolId = decision?.outcome.type === 'rep' ? decision.outcome.poolId : null;
  if (!poolId || !decision) return null;
  const rulebook =
    (await deps.rulebooks.getVersion(siteKey, decision.rulebookVersion)) ?? (await deps.rulebooks.getLive(siteKey));
  const pool = rulebook?.pools.find((candidate) => candidate.id === poolId);
  if (!pool) return null;
  const active = new Set((await deps.reps.list(siteKey)).filter((rep) => rep.active).map((rep) => rep.repId));
  const sequence = weightedSequence(pool.members);
  if (!sequence.some((repId) => repId !== breachedBy && active.has(repId))) return null;
  // Each turn taken is one the new owner used: the rotation stays fair to everyone else.
  for (let tries = 0; tries < sequence.length; tries++) {
    const ticket = await deps.routingState.takeTicket(siteKey, poolId);
    const repId = sequence[(ticket - 1) % sequence.length]!;
    if (repId !== breachedBy && active.has(repId)) return repId;
  }
  return null;
}
