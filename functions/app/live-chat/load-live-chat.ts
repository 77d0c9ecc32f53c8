import type { Conversation } from '../../core/conversation/conversation.js';
import { LiveChatMoveError, type LiveChat } from '../../core/live-chat/live-chat.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict, DomainError, forbidden, notFound } from '../errors.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { settleLiveChat } from './settle-live-chat.js';

/** Sales and admins act for any rep of the site; a rep only for themselves. */
export function actingRep(principal: Principal, requested?: string): string {
  const own = principal.repId;
  if (own !== null && (requested === undefined || requested === own)) return own;
  const team = principal.roles.some((role) => role === 'sales' || role === 'admin');
  if (team && requested !== undefined) return requested;
  if (team) throw new DomainError('invalid', 'Which rep?', 'Name the rep (repId) whose live chats to read or change.');
  throw forbidden('Not allowed', 'Only a rep acts for themselves; sales and admins name the rep.');
}

/** The chat and its conversation, brought up to date with the clock; 404 when the conversation never asked for one. */
export async function loadLiveChat(
  deps: DispatchDependencies,
  siteKey: string,
  conversationId: string,
): Promise<{ chat: LiveChat; conversation: Conversation }> {
  const [chat, snapshot] = await Promise.all([
    deps.liveChats.get(siteKey, conversationId),
    deps.conversations.loadRecent(conversationId, 0),
  ]);
  if (!chat || !snapshot)
    throw notFound('Unknown live chat', `The conversation "${conversationId}" has no live chat on this site.`);
  return { chat: await settleLiveChat(deps, chat, snapshot.conversation), conversation: snapshot.conversation };
}

/** Runs a move of the state machine; a move the chat's state does not allow is a 409 saying why. */
export function move<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof LiveChatMoveError)
      throw conflict('Live chat moved on', `This ${error.chat.status} live chat cannot take that step now.`);
    throw error;
  }
}
