import type { Conversation, Turn } from '../../core/conversation/conversation.js';
import { newLiveChat } from '../../core/live-chat/live-chat.js';
import type { RoutingDecision } from '../../core/routing/routing-decision.js';
import type { Dependencies } from '../dependencies.js';
import { routeConversation } from '../route-conversation.js';
import { dispatchLiveChat } from './dispatch-live-chat.js';

/** Who may take the conversation, in order: the route's rep, then the visitor's choices, then the rest of the pool. */
async function candidatesOf(deps: Pick<Dependencies, 'rulebooks'>, decision: RoutingDecision): Promise<string[]> {
  if (decision.outcome.type !== 'rep') return [];
  const { repId, choices, poolId } = decision.outcome;
  const rulebook = poolId ? await deps.rulebooks.getVersion(decision.siteKey, decision.rulebookVersion) : null;
  const pool = rulebook?.pools.find((candidate) => candidate.id === poolId);
  return [
    ...new Set([
      repId,
      ...choices.map((choice) => choice.repId),
      ...(pool?.members ?? []).map((member) => member.repId),
    ]),
  ];
}

/**
 * The visitor asked to talk now and was told someone is being found: the conversation is routed
 * with the rulebook, and the request goes to the route's rep or a pool member, or to the line, or
 * ends with open times. Returns the turns this added, for the visitor's answer.
 */
export async function requestLiveChat(
  deps: Dependencies,
  conversation: Conversation,
  answers: Record<string, string>,
): Promise<Turn[]> {
  const decision = await routeConversation(deps, conversation, answers);
  const chat = newLiveChat(
    {
      conversationId: conversation.id,
      siteKey: conversation.siteKey,
      visitorId: conversation.visitorId,
      candidates: await candidatesOf(deps, decision),
    },
    deps.clock(),
  );
  // A visitor who asks twice while a request is open keeps the one they have.
  if (!(await deps.liveChats.create(chat))) return [];
  const before = await deps.conversations.loadRecent(conversation.id, 1);
  await dispatchLiveChat(deps, chat, conversation);
  const after = await deps.conversations.loadAll(conversation.id);
  const since = before?.recentTurns[0]?.seq ?? -1;
  return (after?.turns ?? []).filter((turn) => turn.seq > since);
}
