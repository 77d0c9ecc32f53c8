import { acceptOffer, type LiveChat } from '../../core/live-chat/live-chat.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict } from '../errors.js';
import { appendLiveChatUpdate } from './append-live-turn.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { actingRep, loadLiveChat, move } from './load-live-chat.js';

/** The offered rep takes the conversation: the visitor is told who joined. */
export async function acceptLiveChat(
  deps: DispatchDependencies,
  principal: Principal,
  siteKey: string,
  conversationId: string,
): Promise<LiveChat> {
  const repId = actingRep(principal);
  const { chat, conversation } = await loadLiveChat(deps, siteKey, conversationId);
  const live = move(() => acceptOffer(chat, repId, deps.clock()));
  if (!(await deps.liveChats.update(live)))
    throw conflict('Live chat moved on', 'The offer changed while you accepted it; read the inbox again.');
  const rep = await deps.reps.get(siteKey, repId);
  await appendLiveChatUpdate(deps, conversation, {
    kind: 'joined',
    repName: rep?.name ?? repId,
    repTitle: rep?.title ?? null,
    photoUrl: rep?.photoUrl ?? null,
  });
  return live;
}
