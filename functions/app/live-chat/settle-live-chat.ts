import { offerExpired, passOffer, type LiveChat } from '../../core/live-chat/live-chat.js';
import type { Conversation } from '../../core/conversation/conversation.js';
import { dispatchLiveChat, type DispatchDependencies } from './dispatch-live-chat.js';
import { pushLive } from './push-live.js';
import { serveWaitingLine } from './serve-waiting-line.js';

/**
 * Brings a chat up to date with the clock: an offer that ran out passes to the next rep (or the line,
 * or open times). Called by everything that reads a chat, so nobody waits on an offer nobody will take.
 */
export async function settleLiveChat(
  deps: DispatchDependencies,
  chat: LiveChat,
  conversation: Conversation,
): Promise<LiveChat> {
  if (!offerExpired(chat, deps.clock()) || chat.repId === null) return chat;
  return passOn(deps, chat, chat.repId, conversation);
}

/** The offered rep declined or let it run out: their place is given back, the next candidate asked. */
export async function passOn(
  deps: DispatchDependencies,
  chat: LiveChat,
  repId: string,
  conversation: Conversation,
): Promise<LiveChat> {
  const passed = passOffer(chat, repId);
  if (!(await deps.liveChats.update(passed)))
    return (await deps.liveChats.get(chat.siteKey, chat.conversationId)) ?? chat;
  await deps.liveChats.releaseCapacity(chat.siteKey, repId);
  // The rep's open inbox drops the offer now, not at their next read.
  await pushLive(deps, { kind: 'rep', siteKey: chat.siteKey, repId }, { type: 'inbox', siteKey: chat.siteKey });
  const next = await dispatchLiveChat(deps, passed, conversation);
  // The place given back may serve someone else waiting for this rep.
  await serveWaitingLine(deps, chat.siteKey, repId);
  return next;
}
