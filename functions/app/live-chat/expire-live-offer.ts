import { offerExpired } from '../../core/live-chat/live-chat.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { scheduleOfferExpiry } from './offer-timer.js';
import { settleLiveChat } from './settle-live-chat.js';

/**
 * An offer's expiry timer fired. An offer accepted, declined or ended meanwhile leaves nothing to do;
 * one that ran out passes to the next rep; a timer that fired early (clock skew between runners)
 * is armed again for the offer's real end.
 */
export async function expireLiveOffer(
  deps: DispatchDependencies,
  siteKey: string,
  conversationId: string,
): Promise<'passed-on' | 'moved-on' | 'rearmed'> {
  const [chat, snapshot] = await Promise.all([
    deps.liveChats.get(siteKey, conversationId),
    deps.conversations.loadRecent(conversationId, 0),
  ]);
  if (!chat || !snapshot || chat.status !== 'offered') return 'moved-on';
  if (!offerExpired(chat, deps.clock())) {
    await scheduleOfferExpiry(deps, chat);
    return 'rearmed';
  }
  await settleLiveChat(deps, chat, snapshot.conversation);
  return 'passed-on';
}
