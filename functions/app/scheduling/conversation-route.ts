import type { Dependencies } from '../dependencies.js';
import { conflict, notFound } from '../errors.js';

/** The reps a conversation may book with, in routing order: the chosen rep, then the pool's other available reps. */
export async function conversationRoute(
  deps: Pick<Dependencies, 'conversations' | 'decisions'>,
  conversationId: string,
) {
  // The newest turn comes in the same query; its answers give the rep the lead's context.
  const snapshot = await deps.conversations.loadRecent(conversationId, 1);
  if (!snapshot) throw notFound('Unknown conversation', `No conversation has the id "${conversationId}".`);
  const decision = await deps.decisions.get(conversationId);
  if (decision?.outcome.type !== 'rep')
    throw conflict('Not routed to a rep', 'This conversation has no rep to book with.');
  const outcome = decision.outcome;
  const repIds = [outcome.repId, ...outcome.choices.map((choice) => choice.repId).filter((id) => id !== outcome.repId)];
  // With visitor picks, every offered rep; otherwise the routed rep alone.
  const bookable = outcome.choices.length > 0 ? repIds : [outcome.repId];
  return { conversation: snapshot.conversation, decision, outcome, bookable, latestTurn: snapshot.recentTurns[0] };
}
