import {
  markUnavailable,
  offerTo,
  planOffer,
  waitInLine,
  type CandidateState,
  type LiveChat,
} from '../../core/live-chat/live-chat.js';
import type { Conversation } from '../../core/conversation/conversation.js';
import type { Dependencies } from '../dependencies.js';
import { appendLiveChatUpdate, type LiveTurnDependencies } from './append-live-turn.js';
import { scheduleOfferExpiry } from './offer-timer.js';
import { pushLive } from './push-live.js';
import { presenceOf, type PresenceDependencies } from './rep-presence.js';

export type DispatchDependencies = LiveTurnDependencies &
  PresenceDependencies &
  Pick<Dependencies, 'reps' | 'liveChats' | 'liveChatPolicy' | 'timers'>;

/** Presence and load of the given reps now. */
export async function candidateStates(
  deps: DispatchDependencies,
  siteKey: string,
  repIds: readonly string[],
  now: Date,
): Promise<CandidateState[]> {
  const [reps, desks] = await Promise.all([deps.reps.list(siteKey), deps.liveChats.listDesks(siteKey)]);
  return Promise.all(
    repIds.map(async (repId) => {
      const rep = reps.find((candidate) => candidate.repId === repId);
      const desk = desks.find((candidate) => candidate.repId === repId);
      const presence = rep ? await presenceOf(deps, siteKey, rep, desk?.setting ?? null, now) : null;
      return { repId, available: presence?.available ?? false, load: desk?.load ?? 0 };
    }),
  );
}

/**
 * Moves a waiting chat on: offered to the first candidate whose capacity can be claimed, else in
 * line (told once), else unavailable with open times. Returns the chat as stored afterwards; a chat
 * another writer moved first is left to them.
 */
export async function dispatchLiveChat(
  deps: DispatchDependencies,
  chat: LiveChat,
  conversation: Conversation,
): Promise<LiveChat> {
  const now = deps.clock();
  const plan = planOffer(chat, await candidateStates(deps, chat.siteKey, chat.candidates, now), deps.liveChatPolicy);
  if (plan.type === 'offer') {
    for (const repId of plan.order) {
      if (!(await deps.liveChats.claimCapacity(chat.siteKey, repId, deps.liveChatPolicy.maxLiveChatsPerRep))) continue;
      const offered = offerTo(chat, repId, now, deps.liveChatPolicy);
      if (!(await deps.liveChats.update(offered))) {
        await deps.liveChats.releaseCapacity(chat.siteKey, repId);
        return (await deps.liveChats.get(chat.siteKey, chat.conversationId)) ?? chat;
      }
      await scheduleOfferExpiry(deps, offered);
      await pushLive(deps, { kind: 'rep', siteKey: chat.siteKey, repId }, { type: 'inbox', siteKey: chat.siteKey });
      return offered;
    }
  }
  if (plan.type === 'unavailable') {
    const over = markUnavailable(chat, now);
    if (!(await deps.liveChats.update(over)))
      return (await deps.liveChats.get(chat.siteKey, chat.conversationId)) ?? chat;
    await appendLiveChatUpdate(deps, conversation, { kind: 'unavailable' });
    return over;
  }
  // Every available candidate is at the limit (or took their last place a moment ago): wait for the first to free up.
  const waiting = waitInLine(chat);
  if (waiting !== chat) {
    if (!(await deps.liveChats.update(waiting)))
      return (await deps.liveChats.get(chat.siteKey, chat.conversationId)) ?? chat;
    await appendLiveChatUpdate(deps, conversation, { kind: 'waiting' });
  }
  await Promise.all(
    chat.candidates.map((repId) =>
      pushLive(deps, { kind: 'rep', siteKey: chat.siteKey, repId }, { type: 'inbox', siteKey: chat.siteKey }),
    ),
  );
  return waiting;
}
