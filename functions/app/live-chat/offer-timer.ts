import { createHash } from 'node:crypto';
import type { LiveChat } from '../../core/live-chat/live-chat.js';
import type { Dependencies } from '../dependencies.js';

/** One expiry timer per live chat: a new offer moves it to the new offer's end. */
export const liveOfferTimerId = (siteKey: string, conversationId: string) =>
  `live-offer-${createHash('sha256').update(`${siteKey}:${conversationId}`).digest('hex').slice(0, 40)}`;

/**
 * Arms the timer that moves an offer on when it runs out, so the next rep is asked (or the visitor
 * offered times) even when nobody reads the chat meanwhile.
 */
export async function scheduleOfferExpiry(deps: Pick<Dependencies, 'timers'>, chat: LiveChat): Promise<void> {
  if (chat.status !== 'offered' || chat.offerExpiresAt === null) return;
  await deps.timers.schedule({
    id: liveOfferTimerId(chat.siteKey, chat.conversationId),
    siteKey: chat.siteKey,
    dueAt: chat.offerExpiresAt,
    kind: 'live-offer',
    payload: { conversationId: chat.conversationId },
  });
}
