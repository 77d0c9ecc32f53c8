import { explainDecision, type ExplainedDecision } from '../core/routing/routing-decision.js';
import type { Principal } from '../ports/token-verifier.js';
import { assertMayRead } from './access/principal-access.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

/**
 * The stored decision, explained by the rulebook version that made it; a rep reads only the decisions
 * that routed to them or named them the account owner.
 */
export async function getRoutingDecision(
  deps: Pick<Dependencies, 'decisions' | 'rulebooks'>,
  conversationId: string,
  principal: Principal,
): Promise<ExplainedDecision> {
  const decision = await deps.decisions.get(conversationId);
  if (!decision) throw notFound('No routing decision', 'This conversation has not been routed (yet).');
  const routedTo = decision.outcome.type === 'rep' ? decision.outcome.repId : null;
  assertMayRead(
    principal,
    { siteKey: decision.siteKey, ownerRepIds: [routedTo, String(decision.facts['account.owner'] ?? '')] },
    'routing decision',
  );
  const rulebook = await deps.rulebooks.getVersion(decision.siteKey, decision.rulebookVersion);
  if (!rulebook)
    throw notFound('No rulebook version', `Rulebook version ${decision.rulebookVersion} of this site is missing.`);
  return explainDecision(rulebook, decision);
}
