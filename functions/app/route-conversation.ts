import { DateTime } from 'luxon';
import type { Conversation } from '../core/conversation/conversation.js';
import type { RepAvailabilityState } from '../core/routing/order-pool-candidates.js';
import { walkRoute } from '../core/routing/walk-route.js';
import { planRoute } from '../core/routing/plan-route.js';
import { outOfOfficeAt, type Rep } from '../core/routing/rep.js';
import { routingFactsOf } from '../core/routing/routing-facts.js';
import {
  type RouteOutcome,
  type RouteStep,
  type RoutingDecision,
  snapshotFacts,
} from '../core/routing/routing-decision.js';
import type { RoutingFacts } from '../core/routing/condition.js';
import type { Rulebook } from '../core/rulebook/rulebook.js';
import { newVisitorProfile } from '../core/visitors/apply-signal.js';
import { rescoreVisitor } from '../core/visitors/rescore-visitor.js';
import type { RoutingExclusion, VisitorProfile } from '../core/visitors/visitor-profile.js';
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
  return (await decideRoute(deps, conversation, answers)).decision;
}

/**
 * The same, for a caller that already holds the visitor's stored profile (it saves reading it again) or
 * has started reading the rep directory beside its own reads (it saves a round trip), and wants the routed
 * rep's directory entry (read with the others, so it costs no call).
 */
export async function decideRoute(
  deps: Dependencies,
  conversation: Conversation,
  answers: Record<string, string>,
  known: { profile?: VisitorProfile | null; reps?: Promise<Rep[]> } = {},
): Promise<{ decision: RoutingDecision; rep: Rep | null }> {
  const now = deps.clock();
  // The directory depends on nothing read below: it is read beside them. Only an excluded visitor does
  // not need it, and then the read is not awaited (a failure of it is no failure of that decision).
  const directory = known.reps ?? deps.reps.list(conversation.siteKey);
  directory.catch(() => undefined);
  const rulebook: Rulebook | null =
    (await deps.rulebooks.getVersion(conversation.siteKey, conversation.rulebookVersion)) ??
    (await deps.rulebooks.getLive(conversation.siteKey));
  if (!rulebook) throw notFound('No rulebook', `The site "${conversation.siteKey}" has no rulebook.`);

  const stored =
    known.profile ??
    (await deps.visitors.get(conversation.visitorId)) ??
    newVisitorProfile(conversation.visitorId, conversation.siteKey, now);
  const profile = rescoreVisitor(stored, rulebook.scoring, rulebook.version, now, 'routing').profile;
  const facts = routingFactsOf(profile, rulebook, now, { language: conversation.language, answers });
  const plan = planRoute(rulebook, facts);

  if (profile.routingExclusion)
    return {
      decision: await saveDecision(
        deps,
        conversation,
        rulebook,
        now,
        facts,
        plan.matchedRuleId,
        excluded(rulebook, plan.matchedIndex, profile.routingExclusion),
      ),
      rep: null,
    };

  const reps = new Map((await directory).map((rep) => [rep.repId, rep]));
  const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
  const states = new Map<string, RepAvailabilityState>();
  const days = new Map<string, string>();
  // Each target's reps are looked up only when the walk reaches it: a named account's owner who is
  // available costs one availability read, not one per rep of every fallback pool.
  const loadStates = async (repIds: readonly string[]) => {
    const missing = repIds.filter((repId) => !states.has(repId));
    if (missing.length === 0) return;
    for (const repId of missing) days.set(repId, localDay(reps.get(repId), now));
    const [assigned, slots] = await Promise.all([
      deps.routingState.assignedOn(conversation.siteKey, new Map(missing.map((repId) => [repId, days.get(repId)!]))),
      Promise.all(
        missing.map(async (repId) => {
          const rep = reps.get(repId);
          return rep?.active === true ? deps.availability.hasOpenSlot(conversation.siteKey, rep, now) : false;
        }),
      ),
    ]);
    missing.forEach((repId, index) => {
      const rep = reps.get(repId);
      states.set(repId, {
        repId,
        known: rep?.active === true,
        outOfOfficeUntil: rep ? (outOfOfficeAt(rep, now)?.end ?? null) : null,
        hasOpenSlot: slots[index]!,
        assignedToday: assigned.get(repId) ?? 0,
      });
    });
  };

  const site = conversation.siteKey;
  const { steps, outcome } = await walkRoute(
    rulebook,
    plan,
    owner,
    states,
    (repId) => reps.get(repId)?.name ?? repId,
    {
      takeTicket: (poolId) => deps.routingState.takeTicket(site, poolId),
      credits: (poolId) => deps.routingState.credits(site, poolId),
      useCredit: (poolId, repId) => deps.routingState.useCredit(site, poolId, repId),
      creditTurn: (poolId, repId) => deps.routingState.creditTurn(site, poolId, repId),
      claim: (repId, cap) => deps.routingState.claimAssignment(site, repId, days.get(repId)!, cap),
    },
    loadStates,
  );

  const decision = await saveDecision(deps, conversation, rulebook, now, facts, plan.matchedRuleId, {
    steps,
    outcome,
    matchedIndex: plan.matchedIndex,
  });
  return { decision, rep: outcome.type === 'rep' ? (reps.get(outcome.repId) ?? null) : null };
}

interface Walked {
  steps: RouteStep[];
  outcome: RouteOutcome;
  matchedIndex: number;
  excluded?: RoutingExclusion;
}

/** An excluded contact's matching rule is recorded but not walked: the rulebook's unrouted nurture answers them. */
function excluded(rulebook: Rulebook, matchedIndex: number, exclusion: RoutingExclusion): Walked {
  const target = { type: 'nurture' as const, nurtureId: rulebook.unrouted.nurtureId };
  return {
    steps: [{ target, fallback: false, ticket: null, skipped: [], result: 'nurture' }],
    outcome: { type: 'nurture', nurtureId: target.nurtureId, viaFallback: false },
    matchedIndex,
    excluded: exclusion,
  };
}

async function saveDecision(
  deps: Dependencies,
  conversation: Conversation,
  rulebook: Rulebook,
  now: Date,
  facts: RoutingFacts,
  matchedRuleId: string | null,
  walked: Walked,
): Promise<RoutingDecision> {
  const { steps, outcome } = walked;
  const decision: RoutingDecision = {
    conversationId: conversation.id,
    visitorId: conversation.visitorId,
    siteKey: conversation.siteKey,
    rulebookVersion: rulebook.version,
    decidedAt: now.toISOString(),
    facts: snapshotFacts(rulebook, walked.matchedIndex, facts),
    matchedRuleId,
    steps,
    outcome,
    ...(walked.excluded ? { excluded: walked.excluded } : {}),
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
        ruleId: matchedRuleId,
        rulebookVersion: rulebook.version,
        viaFallback: outcome.viaFallback,
      },
    ),
  ]);
  return decision;
}
