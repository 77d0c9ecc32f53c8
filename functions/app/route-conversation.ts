import { DateTime } from 'luxon';
import type { Conversation } from '../core/conversation/conversation.js';
import type { RepAvailabilityState } from '../core/routing/order-pool-candidates.js';
import { walkRoute } from '../core/routing/walk-route.js';
import { planRoute } from '../core/routing/plan-route.js';
import { outOfOfficeAt, type Rep } from '../core/routing/rep.js';
import { routingFactsOf } from '../core/routing/routing-facts.js';
import { type RoutingDecision, snapshotFacts } from '../core/routing/routing-decision.js';
import type { Rulebook } from '../core/rulebook/rulebook.js';
import { newVisitorProfile } from '../core/visitors/apply-signal.js';
import { rescoreVisitor } from '../core/visitors/rescore-visitor.js';
import type { Dependencies } from './dependencies.js';
import { domainEvent } from '../core/events/domain-event.js';
import { notFound } from './errors.js';

const localDay = (rep: Rep | undefined, now: Date) =>
  DateTime.fromJSDate(now, { zone: rep?.timeZone ?? 'UTC' }).toISODate()!;

/**
 * Routes a conversation's visitor with the rulebook version the conversation started under, and
 * stores the decision record: the version, the facts the rules read, the matched rule, every rep
 * skipped and why, and the outcome. Turns and daily caps are claimed with atomic counters.
 */
export async function routeConversation(
  deps: Dependencies,
  conversation: Conversation,
  answers: Record<string, string>,
): Promise<RoutingDecision> {
  const now = deps.clock();
  const rulebook: Rulebook | null =
    (await deps.rulebooks.getVersion(conversation.siteKey, conversation.rulebookVersion)) ??
    (await deps.rulebooks.getLive(conversation.siteKey));
  if (!rulebook) throw notFound('No rulebook', `The site "${conversation.siteKey}" has no rulebook.`);

  const stored =
    (await deps.visitors.get(conversation.visitorId)) ??
    newVisitorProfile(conversation.visitorId, conversation.siteKey, now);
  const profile = rescoreVisitor(stored, rulebook.scoring, rulebook.version, now, 'routing').profile;
  const facts = routingFactsOf(profile, rulebook, now, { language: conversation.language, answers });
  const plan = planRoute(rulebook, facts);

  const reps = new Map((await deps.reps.list(conversation.siteKey)).map((rep) => [rep.repId, rep]));
  const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
  const involved = new Set<string>();
  for (const { target } of plan.chain) {
    if (target.type === 'rep') involved.add(target.repId);
    if (target.type === 'account-owner' && owner) involved.add(owner);
    if (target.type === 'pool')
      for (const member of rulebook.pools.find((pool) => pool.id === target.poolId)?.members ?? [])
        involved.add(member.repId);
  }
  const days = new Map([...involved].map((repId) => [repId, localDay(reps.get(repId), now)]));
  const assigned = await deps.routingState.assignedOn(conversation.siteKey, days);
  const states = new Map<string, RepAvailabilityState>();
  await Promise.all(
    [...involved].map(async (repId) => {
      const rep = reps.get(repId);
      const known = rep?.active === true;
      states.set(repId, {
        repId,
        known,
        outOfOfficeUntil: rep ? (outOfOfficeAt(rep, now)?.end ?? null) : null,
        hasOpenSlot: known ? await deps.availability.hasOpenSlot(conversation.siteKey, rep, now) : false,
        assignedToday: assigned.get(repId) ?? 0,
      });
    }),
  );

  const site = conversation.siteKey;
  const { steps, outcome } = await walkRoute(rulebook, plan, owner, states, (repId) => reps.get(repId)?.name ?? repId, {
    takeTicket: (poolId) => deps.routingState.takeTicket(site, poolId),
    credits: (poolId) => deps.routingState.credits(site, poolId),
    useCredit: (poolId, repId) => deps.routingState.useCredit(site, poolId, repId),
    creditTurn: (poolId, repId) => deps.routingState.creditTurn(site, poolId, repId),
    claim: (repId, cap) => deps.routingState.claimAssignment(site, repId, days.get(repId)!, cap),
  });

  const decision: RoutingDecision = {
    conversationId: conversation.id,
    visitorId: conversation.visitorId,
    siteKey: conversation.siteKey,
    rulebookVersion: rulebook.version,
    decidedAt: now.toISOString(),
    facts: snapshotFacts(rulebook, plan.matchedIndex, facts),
    matchedRuleId: plan.matchedRuleId,
    steps,
    outcome,
  };
  await deps.decisions.save(decision, [
    domainEvent(
      'VisitorRouted',
      `visitor-routed:${conversation.id}:${decision.decidedAt}`,
      conversation.siteKey,
      decision.decidedAt,
      {
        conversationId: conversation.id,
        visitorId: conversation.visitorId,
        outcome: outcome.type,
        repId: outcome.type === 'rep' ? outcome.repId : null,
        ruleId: plan.matchedRuleId,
        rulebookVersion: rulebook.version,
        viaFallback: outcome.viaFallback,
      },
    ),
  ]);
  return decision;
}
