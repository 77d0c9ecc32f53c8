import type { LiveChat } from '../../core/live-chat/live-chat.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict } from '../errors.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { actingRep, loadLiveChat } from './load-live-chat.js';
import { passOn } from './settle-live-chat.js';

/** The offered rep says no: the next candidate is asked at once, without waiting for the offer to run out. */
export async function declineLiveChat(
  deps: DispatchDependencies,
  principal: Principal,
  siteKey: string,
  conversationId: string,
): Promise<LiveChat> {
  const repId = actingRep(principal);
  const { chat, conversation } = await loadLiveChat(deps, siteKey, conversationId);
  if (chat.status !== 'offered' || chat.repId !== repId)
    throw conflict('Live chat moved on', `This ${chat.status} live chat is not offered to you now.`);
  return passOn(deps, chat, repId, conversation);
}
