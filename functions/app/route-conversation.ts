import { DateTime } from 'luxon';
import type { Conversation } from '../core/conversation/conversation.js';
import { dailyCapIn, type RepAvailabilityState } from '../core/routing/order-pool-candidates.js';
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
import type { Pool, Rulebook } from '../core/rulebook/rulebook.js';
import { newVisitorProfile } from '../core/visitors/apply-signal.js';
import { rescoreVisitor } from '../core/visitors/rescore-visitor.js';
import type { RoutingExclusion, VisitorProfile } from '../core/visitors/visitor-profile.js';
import { isoInstant } from '../core/iso-instant.js';
import type { Dependencies } from './dependencies.js';
import { domainEvent, type DomainEvent } from '../core/events/domain-event.js';
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
  const { decision, events } = await decideRoute(deps, conversation, answers);
  await deps.decisions.save(decision, events);
  return decision;
}

/**
 * The reps a rulebook names (pool members and single-rep targets), read one by one so that a caller can
 * send these reads beside its own reads by key: they leave together as one BatchGetItem. An account
 * owner the rulebook does not name is read when the walk reaches them.
 */
export function readRulebookReps(
  deps: Pick<Dependencies, 'reps'>,
  siteKey: string,
  rulebook: Pick<Rulebook, 'pools' | 'rules' | 'fallbacks'>,
): Promise<Map<string, Rep>> {
  const named = new Set([
    ...rulebook.pools.flatMap((pool) => pool.members.map((member) => member.repId)),
    ...[...rulebook.rules.map((rule) => rule.route), ...rulebook.fallbacks].flatMap((target) =>
      target.type === 'rep' ? [target.repId] : [],
    ),
  ]);
  return Promise.all([...named].map((repId) => deps.reps.get(siteKey, repId))).then(
    (reps) => new Map(reps.filter((rep) => rep !== null).map((rep) => [rep.repId, rep])),
  );
}

/**
 * The same decision, left for the caller to store with its events (a chat turn stores it in the turn's
 * own write), for a caller that already holds the visitor's stored profile (it saves reading it again) or
 * has started reading the reps beside its own reads (it saves a round trip, and with readRulebookReps a
 * call), and wants the routed rep's directory entry (read with the others, so it costs no call).
 */
export async function decideRoute(
  deps: Dependencies,
  conversation: Conversation,
  answers: Record<string, string>,
  known: { profile?: VisitorProfile | null; reps?: Promise<Map<string, Rep>> } = {},
): Promise<{ decision: RoutingDecision; events: DomainEvent[]; rep: Rep | null }> {
  const now = deps.clock();
  // The directory depends on nothing read below: it is read beside them. Only an excluded visitor does
  // not need it, and then the read is not awaited (a failure of it is no failure of that decision).
  const directory =
    known.reps ?? deps.reps.list(conversation.siteKey).then((reps) => new Map(reps.map((rep) => [rep.repId, rep])));
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
      ...recordOf(
        conversation,
        rulebook,
        now,
        facts,
        plan.matchedRuleId,
        excluded(rulebook, plan.matchedIndex, profile.routingExclusion),
      ),
      rep: null,
    };

  const reps = new Map(await directory);
  const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
  const states = new Map<string, RepAvailabilityState>();
  const days = new Map<string, string>();
  const loadRead = new Set<string>();
  // Each target's reps are looked up only when the walk reaches it: a named account's owner who is
  // available costs one availability read, not one per rep of every fallback pool. A rep's assignments
  // of the day are read only for a pool that weighs them (a daily cap, least-loaded): a single rep's
  // claim has no cap.
  const loadStates = async (repIds: readonly string[], pool?: Pool) => {
    const unknown = known.reps ? repIds.filter((repId) => !reps.has(repId)) : [];
    if (unknown.length > 0)
      for (const rep of await Promise.all(unknown.map((repId) => deps.reps.get(conversation.siteKey, repId))))
        if (rep) reps.set(rep.repId, rep);
    const missing = repIds.filter((repId) => !states.has(repId));
    const weighed = pool
      ? repIds.filter(
          (repId) =>
            !loadRead.has(repId) && (pool.strategy === 'least-loaded' || dailyCapIn(pool, repId) !== undefined),
        )
      : [];
    if (missing.length === 0 && weighed.length === 0) return;
    for (const repId of repIds) if (!days.has(repId)) days.set(repId, localDay(reps.get(repId), now));
    const [assigned, slots] = await Promise.all([
      weighed.length > 0
        ? deps.routingState.assignedOn(conversation.siteKey, new Map(weighed.map((repId) => [repId, days.get(repId)!])))
        : new Map<string, number>(),
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
        assignedToday: 0,
      });
    });
    for (const repId of weighed) {
      loadRead.add(repId);
      states.set(repId, { ...states.get(repId)!, assignedToday: assigned.get(repId) ?? 0 });
    }
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

  const record = recordOf(conversation, rulebook, now, facts, plan.matchedRuleId, {
    steps,
    outcome,
    matchedIndex: plan.matchedIndex,
  });
  return { ...record, rep: outcome.type === 'rep' ? (reps.get(outcome.repId) ?? null) : null };
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

function recordOf(
  conversation: Conversation,
  rulebook: Rulebook,
  now: Date,
  facts: RoutingFacts,
  matchedRuleId: string | null,
  walked: Walked,
): { decision: RoutingDecision; events: DomainEvent[] } {
  const { steps, outcome } = walked;
  const decision: RoutingDecision = {
    conversationId: conversation.id,
    visitorId: conversation.visitorId,
    siteKey: conversation.siteKey,
    rulebookVersion: rulebook.version,
    decidedAt: isoInstant(now),
    facts: snapshotFacts(rulebook, walked.matchedIndex, facts),
    matchedRuleId,
    steps,
    outcome,
    ...(walked.excluded ? { excluded: walked.excluded } : {}),
  };
  const events = [
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
  ];
  return { decision, events };
}
