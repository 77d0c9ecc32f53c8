import { messagesOfTurn, type Message } from '../../core/conversation/conversation.js';
import { recordRepMessage } from '../../core/live-chat/live-chat.js';
import type { Principal } from '../../ports/token-verifier.js';
import { appendLiveTurn } from './append-live-turn.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { actingRep, loadLiveChat, move } from './load-live-chat.js';

/** A rep's message in their live chat, stored as a turn like every other message; the first one is the first response. */
export async function postRepMessage(
  deps: DispatchDependencies,
  principal: Principal,
  siteKey: string,
  conversationId: string,
  input: { clientMessageId: string; text: string },
): Promise<{ messages: Message[]; replayed: boolean }> {
  const repId = actingRep(principal);
  const { chat } = await loadLiveChat(deps, siteKey, conversationId);
  const answered = move(() => recordRepMessage(chat, repId, deps.clock()));
  const rep = await deps.reps.get(siteKey, repId);
  const appended = await appendLiveTurn(deps, conversationId, (latest, recent) => {
    const earlier = recent.find((turn) => turn.rep?.repId === repId && turn.clientMessageId === input.clientMessageId);
    if (earlier) return earlier;
    return {
      clientMessageId: input.clientMessageId,
      rep: { repId, name: rep?.name ?? repId, text: input.text },
      replies: [],
      state: latest?.state ?? { awaiting: null, answers: {} },
    };
  });
  // Only the first message changes the chat; a lost race here means another first message already counted.
  if (answered !== chat) await deps.liveChats.update(answered);
  return { messages: messagesOfTurn(appended!.turn), replayed: appended!.replayed };
}
