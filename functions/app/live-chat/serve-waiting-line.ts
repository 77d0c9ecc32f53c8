import { offerTo, waitingFor } from '../../core/live-chat/live-chat.js';
import { scheduleOfferExpiry } from './offer-timer.js';
import { pushLive } from './push-live.js';
import { candidateStates, type DispatchDependencies } from './dispatch-live-chat.js';

/**
 * A rep freed up (went available, ended a chat, passed on an offer): the oldest waiting visitors
 * they may take are offered to them while they have room. Each offer is a write conditional on the
 * chat's version, so a visitor two reps reach for at once goes to one of them only.
 */
export async function serveWaitingLine(deps: DispatchDependencies, siteKey: string, repId: string): Promise<number> {
  const [state] = await candidateStates(deps, siteKey, [repId], deps.clock());
  if (!state?.available) return 0;
  let offered = 0;
  for (const chat of waitingFor(repId, await deps.liveChats.listWaiting(siteKey))) {
    if (!(await deps.liveChats.claimCapacity(siteKey, repId, deps.liveChatPolicy.maxLiveChatsPerRep))) break;
    const offer = offerTo(chat, repId, deps.clock(), deps.liveChatPolicy);
    if (await deps.liveChats.update(offer)) {
      offered++;
      await scheduleOfferExpiry(deps, offer);
    } else await deps.liveChats.releaseCapacity(siteKey, repId);
  }
  if (offered > 0) await pushLive(deps, { kind: 'rep', siteKey, repId }, { type: 'inbox', siteKey });
  return offered;
}
