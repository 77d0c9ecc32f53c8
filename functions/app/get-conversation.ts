import { messagesOfTurns, type Conversation, type Message } from '../core/conversation/conversation.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

export async function getConversation(
  deps: Pick<Dependencies, 'conversations'>,
  conversationId: string,
): Promise<{ conversation: Conversation; messages: Message[] }> {
  const stored = await deps.conversations.loadAll(conversationId);
  if (!stored) throw notFound('Unknown conversation', `No conversation has the id "${conversationId}".`);
  return { conversation: stored.conversation, messages: messagesOfTurns(stored.turns) };
}
