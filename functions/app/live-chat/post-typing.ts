import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';
import { pushLive } from './push-live.js';

/** Someone is typing: pushed to the other side now, and kept a few seconds for clients that poll. */
export async function postTyping(
  deps: Pick<Dependencies, 'conversations' | 'liveChats' | 'clock' | 'liveConnections' | 'connectionSender' | 'logger'>,
  conversationId: string,
  who: 'visitor' | 'rep',
): Promise<void> {
  const snapshot = await deps.conversations.loadRecent(conversationId, 0);
  if (!snapshot) throw notFound('Unknown conversation', `No conversation has the id "${conversationId}".`);
  const { siteKey } = snapshot.conversation;
  await deps.liveChats.touchTyping(siteKey, conversationId, who, deps.clock().toISOString());
  await pushLive(deps, { kind: 'conversation', conversationId }, { type: 'typing', conversationId, who });
}
