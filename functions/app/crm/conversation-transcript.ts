import { type Message, messagesOfTurns } from '../../core/conversation/conversation.js';
import type { Dependencies } from '../dependencies.js';

const speaker = (message: Message) =>
  message.role === 'visitor' ? 'Visitor' : message.role === 'rep' ? (message.from ?? 'Rep') : 'Bot';

/** A conversation as the text a CRM note or task holds: every message with who said it and when. */
export async function conversationTranscript(
  deps: Pick<Dependencies, 'conversations'>,
  conversationId: string,
): Promise<{ startedAt: string; text: string } | null> {
  const stored = await deps.conversations.loadAll(conversationId);
  if (!stored) return null;
  const text = messagesOfTurns(stored.turns)
    .filter((message) => message.text)
    .map((message) => `${speaker(message)} (${message.at}): ${message.text}`)
    .join('\n');
  return { startedAt: stored.conversation.startedAt, text };
}
