import { messagesOfTurn, type Conversation, type Message } from '../../core/conversation/conversation.js';
import type { Dependencies } from '../dependencies.js';
import { appendLiveTurn } from './append-live-turn.js';
import { pushLive } from './push-live.js';

/** A visitor's message while a person has the conversation: stored as a turn for the rep, no bot reply. */
export async function postLiveVisitorMessage(
  deps: Dependencies,
  conversationId: string,
  input: { clientMessageId: string; text: string },
): Promise<{ conversation: Conversation; messages: Message[]; replayed: boolean }> {
  const appended = await appendLiveTurn(deps, conversationId, (latest, recent) => {
    const earlier = recent.find((turn) => turn.clientMessageId === input.clientMessageId);
    if (earlier) return earlier;
    return {
      clientMessageId: input.clientMessageId,
      visitorText: input.text,
      replies: [],
      state: latest?.state ?? { awaiting: null, answers: {} },
    };
  });
  // appendLiveTurn writes or finds the turn for a visitor message; it returns null only when told to write nothing.
  const { conversation, turn, replayed } = appended!;
  if (!replayed) {
    const chat = await deps.liveChats.get(conversation.siteKey, conversationId);
    if (chat?.repId)
      await pushLive(
        deps,
        { kind: 'rep', siteKey: conversation.siteKey, repId: chat.repId },
        { type: 'inbox', siteKey: conversation.siteKey },
      );
  }
  return { conversation, messages: messagesOfTurn(turn), replayed };
}
