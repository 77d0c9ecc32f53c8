import { domainEvent } from '../../core/events/domain-event.js';
import { endLiveChat as end, firstResponseSeconds, type LiveChat } from '../../core/live-chat/live-chat.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict } from '../errors.js';
import { appendLiveChatUpdate } from './append-live-turn.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { actingRep, loadLiveChat, move } from './load-live-chat.js';
import { serveWaitingLine } from './serve-waiting-line.js';

/**
 * The rep ends the chat: the playbook goes on for the visitor, the rep's freed place serves the line, and
 * LiveChatEnded carries the first response time to the reports and the full transcript to the CRM.
 */
export async function endLiveChat(
  deps: DispatchDependencies,
  principal: Principal,
  siteKey: string,
  conversationId: string,
): Promise<LiveChat> {
  const repId = actingRep(principal);
  const { chat, conversation } = await loadLiveChat(deps, siteKey, conversationId);
  if (chat.repId !== repId) throw conflict('Live chat moved on', 'This live chat is not yours.');
  const ended = move(() => end(chat, deps.clock()));
  if (!(await deps.liveChats.update(ended)))
    throw conflict('Live chat moved on', 'The chat changed while you ended it; read it again.');
  await deps.liveChats.releaseCapacity(siteKey, repId);
  const rep = await deps.reps.get(siteKey, repId);
  const endedEvent = domainEvent(
    'LiveChatEnded',
    `live-chat-ended:${conversationId}:${ended.version}`,
    siteKey,
    ended.endedAt ?? deps.clock().toISOString(),
    {
      conversationId,
      visitorId: chat.visitorId,
      repId,
      requestedAt: chat.requestedAt,
      firstResponseSeconds: firstResponseSeconds(ended),
    },
  );
  await appendLiveChatUpdate(deps, conversation, { kind: 'ended', repName: rep?.name ?? repId }, [endedEvent]);
  await serveWaitingLine(deps, siteKey, repId);
  return ended;
}
