import { explainDecision, type ExplainedDecision } from '../core/routing/routing-decision.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

/** The stored decision, explained by the rulebook version that made it. */
export async function getRoutingDecision(
  deps: Pick<Dependencies, 'decisions' | 'rulebooks'>,
  conversationId: string,
): Promise<ExplainedDecision> {
  const decision = await deps.decisions.get(conversationId);
  if (!decision) throw notFound('No routing decision', 'This conversation has not been routed (yet).');
  const rulebook = await deps.rulebooks.getVersion(decision.siteKey, decision.rulebookVersion);
  if (!rulebook)
    throw notFound('No rulebook version', `Rulebook version ${decision.rulebookVersion} of this site is missing.`);
  return explainDecision(rulebook, decision);
}
