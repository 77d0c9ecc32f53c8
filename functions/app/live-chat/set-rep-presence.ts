import type { Presence, PresenceSetting } from '../../core/live-chat/presence.js';
import type { Principal } from '../../ports/token-verifier.js';
import { notFound } from '../errors.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { actingRep } from './load-live-chat.js';
import { presenceOf } from './rep-presence.js';
import { serveWaitingLine } from './serve-waiting-line.js';

export interface RepPresenceView {
  repId: string;
  setting: PresenceSetting;
  presence: Presence;
  load: number;
}

/** The rep says available or away; going available serves the waiting line at once. */
export async function setRepPresence(
  deps: DispatchDependencies,
  principal: Principal,
  siteKey: string,
  requestedRepId: string,
  setting: PresenceSetting,
): Promise<RepPresenceView> {
  const repId = actingRep(principal, requestedRepId);
  const rep = await deps.reps.get(siteKey, repId);
  if (!rep) throw notFound('Unknown rep', `The site "${siteKey}" has no rep "${repId}".`);
  const now = deps.clock();
  await deps.liveChats.setPresence(siteKey, repId, setting, now.toISOString());
  if (setting === 'available') await serveWaitingLine(deps, siteKey, repId);
  const desk = (await deps.liveChats.listDesks(siteKey)).find((candidate) => candidate.repId === repId);
  return { repId, setting, presence: await presenceOf(deps, siteKey, rep, setting, now), load: desk?.load ?? 0 };
}
