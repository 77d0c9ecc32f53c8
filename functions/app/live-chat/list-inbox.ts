import { firstResponseSeconds, waitingFor, type LiveChat } from '../../core/live-chat/live-chat.js';
import type { Principal } from '../../ports/token-verifier.js';
import type { Dependencies } from '../dependencies.js';
import { candidateStates, type DispatchDependencies } from './dispatch-live-chat.js';
import { actingRep } from './load-live-chat.js';
import { settleLiveChat } from './settle-live-chat.js';

export interface InboxItem {
  conversationId: string;
  status: LiveChat['status'];
  requestedAt: string;
  offerExpiresAt: string | null;
  acceptedAt: string | null;
  endedAt: string | null;
  firstResponseSeconds: number | null;
  /** Who the visitor is, as far as the lead is known. */
  lead: {
    visitorId: string;
    name: string | null;
    email: string | null;
    company: string | null;
    score: number | null;
    stage: string | null;
    answers: Record<string, string>;
  };
}

const RECENT = 20;

/** A rep's inbox: visitors waiting for them, offers to them, their live chats and their recent ones, with each lead's context. */
export async function listInbox(
  deps: DispatchDependencies & Pick<Dependencies, 'visitors'>,
  principal: Principal,
  siteKey: string,
  requestedRepId?: string,
) {
  const repId = actingRep(principal, requestedRepId);
  const [waitingLine, mine] = await Promise.all([
    deps.liveChats.listWaiting(siteKey),
    deps.liveChats.listForRep(siteKey, repId, RECENT),
  ]);
  // Offers to this rep that ran out move on before the rep sees them.
  const settled = await Promise.all(
    mine.map(async (chat) => {
      if (chat.status !== 'offered') return chat;
      const snapshot = await deps.conversations.loadRecent(chat.conversationId, 0);
      return snapshot ? settleLiveChat(deps, chat, snapshot.conversation) : chat;
    }),
  );
  const item = async (chat: LiveChat): Promise<InboxItem> => {
    const [profile, snapshot] = await Promise.all([
      deps.visitors.get(chat.visitorId),
      deps.conversations.loadRecent(chat.conversationId, 1),
    ]);
    return {
      conversationId: chat.conversationId,
      status: chat.status,
      requestedAt: chat.requestedAt,
      offerExpiresAt: chat.offerExpiresAt,
      acceptedAt: chat.acceptedAt,
      endedAt: chat.endedAt,
      firstResponseSeconds: firstResponseSeconds(chat),
      lead: {
        visitorId: chat.visitorId,
        name: profile?.answers.name ?? null,
        email: profile?.answers.email ?? null,
        company: profile?.account?.name ?? profile?.company?.name ?? profile?.answers.company ?? null,
        score: profile?.score?.total ?? null,
        stage: profile?.stage ?? null,
        answers: snapshot?.recentTurns[0]?.state.answers ?? {},
      },
    };
  };
  const own = settled.filter((chat) => chat.repId === repId);
  const [state] = await candidateStates(deps, siteKey, [repId], deps.clock());
  const desk = (await deps.liveChats.listDesks(siteKey)).find((candidate) => candidate.repId === repId);
  return {
    repId,
    presence: { setting: desk?.setting ?? 'away', available: state?.available ?? false, load: desk?.load ?? 0 },
    waiting: await Promise.all(waitingFor(repId, waitingLine).map(item)),
    offered: await Promise.all(own.filter((chat) => chat.status === 'offered').map(item)),
    live: await Promise.all(own.filter((chat) => chat.status === 'live').map(item)),
    recent: await Promise.all(own.filter((chat) => chat.status === 'ended').map(item)),
  };
}
