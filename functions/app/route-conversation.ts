import { DateTime } from 'luxon';
import type { Conversation } from '../core/conversation/conversation.js';
import { orderPoolCandidates, skipReason, type RepAvailabilityState, type Skip } from '../core/routing/order-pool-candidates.js';
import { planRoute } from '../core/routing/plan-route.js';
import { outOfOfficeAt, type Rep } from '../core/routing/rep.js';
import { routingFactsOf } from '../core/routing/routing-facts.js';
import type { RouteOutcome, RouteStep, RoutingDecision } from '../core/routing/routing-decision.js';
import type { Rulebook } from '../core/rulebook/rulebook.js';
import { newVisitorProfile } from '../core/visitors/apply-signal.js';
import { rescoreVisitor } from '../core/visitors/rescore-visitor.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

const localDay = (rep: Rep | undefined, now: Date) => DateTime.fromJSDate(now, { zone: rep?.timeZone ?? 'UTC' }).toISODate()!;

/**
 * Routes a conversation's visitor with the rulebook version the conversation started under, and
 * stores the decision record: the rules in order and why each did or did not match, every rep
 * skipped and why, and the outcome. Turns and daily caps are claimed with atomic counters.
 */
export async function routeConversation(deps: Dependencies, conversation: Conversation, answers: Record<string, string>): Promise<RoutingDecision> {
  const now = deps.clock();
  const rulebook: Rulebook | null = (await deps.rulebooks.getVersion(conversation.siteKey, conversation.rulebookVersion)) ?? (await deps.rulebooks.getLive(conversation.siteKey));
  if (!rulebook) throw notFound('No rulebook', `The site "${conversation.siteKey}" has no rulebook.`);

  const stored = (await deps.visitors.get(conversation.visitorId)) ?? newVisitorProfile(conversation.visitorId, conversation.siteKey, now);
  const profile = rescoreVisitor(stored, rulebook.scoring, rulebook.version, now, 'routing').profile;
  const facts = routingFactsOf(profile, rulebook, now, { language: conversation.language, answers });
  const plan = planRoute(rulebook, facts);

  const reps = new Map((await deps.reps.list(conversation.siteKey)).map((rep) => [rep.repId, rep]));
  const owner = typeof facts['account.owner'] === 'string' ? facts['account.owner'] : null;
  const involved = new Set<string>();
  for (const { target } of plan.chain) {
    if (target.type === 'rep') involved.add(target.repId);
    if (target.type === 'account-owner' && owner) involved.add(owner);
    if (target.type === 'pool') for (const member of rulebook.pools.find((pool) => pool.id === target.poolId)?.members ?? []) involved.add(member.repId);
  }
  const days = new Map([...involved].map((repId) => [repId, localDay(reps.get(repId), now)]));
  const assigned = await deps.routingState.assignedOn(conversation.siteKey, days);
  const states = new Map<string, RepAvailabilityState>();
  await Promise.all(
    [...involved].map(async (repId) => {
      const rep = reps.get(repId);
      const known = rep !== undefined && rep.active;
      states.set(repId, {
        repId,
        known,
        outOfOfficeUntil: rep ? (outOfOfficeAt(rep, now)?.end ?? null) : null,
        hasOpenSlot: known ? await deps.availability.hasOpenSlot(conversation.siteKey, rep, now) : false,
        assignedToday: assigned.get(repId) ?? 0,
      });
    }),
  );

  const steps: RouteStep[] = [];
  let outcome: RouteOutcome | null = null;
  const claim = (repId: string, cap: number | undefined) => deps.routingState.claimAssignment(conversation.siteKey, repId, days.get(repId)!, cap);
  const repOutcome = (repId: string, fallback: boolean, extra: Partial<Extract<RouteOutcome, { type: 'rep' }>> = {}): RouteOutcome => ({
    type: 'rep',
    repId,
    repName: reps.get(repId)?.name ?? repId,
    viaFallback: fallback,
    accountOwner: false,
    poolId: null,
    choices: [],
    ...extra,
  });

  for (const { target, fallback } of plan.chain) {
    if (target.type === 'nurture') {
      steps.push({ target, fallback, ticket: null, skipped: [], result: 'nurture' });
      outcome = { type: 'nurture', nurtureId: target.nurtureId, viaFallback: fallback };
      break;
    }
    if (target.type === 'account-owner' || target.type === 'rep') {
      const repId = target.type === 'rep' ? target.repId : owner;
      const skipped: Skip[] = [];
      if (repId === null) skipped.push({ repId: '(account owner)', reason: 'the visitor matched no account with an owner' });
      else {
        const reason = skipReason(states.get(repId), undefined);
        if (reason) skipped.push({ repId, reason });
        // A meeting routed to the account owner uses none of that rep's round-robin turns.
        else if (await claim(repId, undefined)) {
          steps.push({ target, fallback, ticket: null, skipped, result: 'chosen' });
          outcome = repOutcome(repId, fallback, { accountOwner: target.type === 'account-owner' });
          break;
        }
      }
      steps.push({ target, fallback, ticket: null, skipped, result: 'nobody-available' });
      continue;
    }

    const pool = rulebook.pools.find((candidate) => candidate.id === target.poolId);
    if (!pool) {
      steps.push({ target, fallback, ticket: null, skipped: [{ repId: '(pool)', reason: `pool "${target.poolId}" does not exist` }], result: 'nobody-available' });
      continue;
    }
    const credits = await deps.routingState.credits(conversation.siteKey, pool.id);
    let credited: string | null = null;
    for (const [repId] of credits) {
      const capOf = pool.members.find((member) => member.repId === repId)?.dailyCap;
      if (!skipReason(states.get(repId), capOf) && (await deps.routingState.useCredit(conversation.siteKey, pool.id, repId))) {
        credited = repId;
        break;
      }
    }
    const ticket = credited ? null : await deps.routingState.takeTicket(conversation.siteKey, pool.id);
    const { order, skipped } = orderPoolCandidates(pool, ticket ?? 1, states, credited);
    let chosen: string | null = null;
    for (const repId of order) {
      const cap = pool.members.find((member) => member.repId === repId)?.dailyCap;
      if (await claim(repId, cap)) {
        chosen = repId;
        break;
      }
      skipped.push({ repId, reason: `daily cap of ${cap} reached` });
    }
    // A credited turn that did not end with its rep goes back.
    if (credited && chosen !== credited) await deps.routingState.creditTurn(conversation.siteKey, pool.id, credited);
    if (!chosen) {
      steps.push({ target, fallback, ticket, skipped, result: 'nobody-available' });
      continue;
    }
    steps.push({ target, fallback, ticket, skipped, result: 'chosen' });
    const choices = pool.visitorPicks ? order.slice(order.indexOf(chosen)).slice(0, 5).map((repId) => ({ repId, repName: reps.get(repId)?.name ?? repId })) : [];
    outcome = repOutcome(chosen, fallback, { poolId: pool.id, choices });
    break;
  }

  const decision: RoutingDecision = {
    conversationId: conversation.id,
    visitorId: conversation.visitorId,
    siteKey: conversation.siteKey,
    rulebookVersion: rulebook.version,
    decidedAt: now.toISOString(),
    facts: {
      score: profile.score?.total ?? 0,
      stage: profile.stage,
      qualifies: profile.score?.qualifies ?? false,
      accountOwner: owner,
      employees: typeof facts['company.employees'] === 'number' ? facts['company.employees'] : null,
      country: typeof facts['geo.country'] === 'string' ? facts['geo.country'] : null,
    },
    rules: plan.evaluations,
    matchedRuleId: plan.matchedRuleId,
    steps,
    // Every chain ends in a nurture fallback when the rulebook is valid; a chain that runs dry still answers the visitor.
    outcome: outcome ?? { type: 'nurture', nurtureId: rulebook.unrouted.nurtureId, viaFallback: true },
  };
  await deps.decisions.save(decision);
  if (decision.outcome.viaFallback) await deps.alerts.fallbackUsed(decision, rulebook.alerts);
  return decision;
}
