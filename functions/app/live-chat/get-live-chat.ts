import type { LiveChatStatus } from '../../core/live-chat/live-chat.js';
import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';
import type { DispatchDependencies } from './dispatch-live-chat.js';
import { liveTurnOf, type LiveTurn } from './live-wire.js';
import { settleLiveChat } from './settle-live-chat.js';

/** Someone typed within this many seconds: shown as typing. */
export const TYPING_SECONDS = 5;

export interface LiveChatView {
  conversationId: string;
  status: LiveChatStatus | 'none';
  repName: string | null;
  /** Turns after the one asked for, oldest first: what a client that resumes is missing. */
  turns: LiveTurn[];
  /** The newest turn number, to resume after next time. */
  lastSeq: number;
  typing: { visitor: boolean; rep: boolean };
}

/**
 * What changed in a conversation since the turn `after`: the polling fallback and the resume after a
 * dropped connection read the same answer, so neither loses nor repeats a message. Reading also
 * moves an offer that ran out on to the next rep.
 */
export async function getLiveChat(
  deps: DispatchDependencies & Pick<Dependencies, 'reps'>,
  conversationId: string,
  after: number,
): Promise<LiveChatView> {
  const stored = await deps.conversations.loadAll(conversationId);
  if (!stored) throw notFound('Unknown conversation', `No conversation has the id "${conversationId}".`);
  const { conversation } = stored;
  const found = await deps.liveChats.get(conversation.siteKey, conversationId);
  const chat = found ? await settleLiveChat(deps, found, conversation) : null;
  // Settling may have added turns (the visitor told to wait, or offered times): read them too.
  const turns = chat !== found ? ((await deps.conversations.loadAll(conversationId))?.turns ?? []) : stored.turns;
  const typing = chat
    ? await deps.liveChats.typing(conversation.siteKey, conversationId)
    : { visitor: null, rep: null };
  const now = deps.clock().getTime();
  // Typing ends with the message it was for: a rep who just sent is not shown typing for the seconds left.
  const lastSent = (who: 'visitor' | 'rep') =>
    turns.findLast((turn) => (who === 'rep' ? turn.rep !== undefined : turn.visitorText !== null))?.at ?? null;
  const recent = (at: string | null, who: 'visitor' | 'rep') => {
    const sent = lastSent(who);
    return (
      at !== null &&
      now - Date.parse(at) < TYPING_SECONDS * 1000 &&
      (sent === null || Date.parse(at) >= Date.parse(sent))
    );
  };
  const rep = chat?.repId && chat.status === 'live' ? await deps.reps.get(conversation.siteKey, chat.repId) : null;
  return {
    conversationId,
    status: chat?.status ?? 'none',
    repName: rep?.name ?? null,
    turns: turns.filter((turn) => turn.seq > after).map(liveTurnOf),
    lastSeq: turns.at(-1)?.seq ?? -1,
    typing: { visitor: recent(typing.visitor, 'visitor'), rep: recent(typing.rep, 'rep') },
  };
}
