/**
 * The live-chat state machine. A request is offered to one rep at a time; the rep accepts within
 * the policy's time, else the next candidate is asked; when every candidate who is available is at
 * capacity the visitor waits in line; when nobody is available the visitor is offered open times.
 * Every path ends in a next step for the visitor. Pure: the caller passes the time and the reps' state.
 */

export interface LiveChatPolicy {
  /** How long a rep has to accept an offer before the next rep is asked. */
  acceptWithinSeconds: number;
  /** At most this many offered or live conversations per rep. */
  maxLiveChatsPerRep: number;
}

export const defaultLiveChatPolicy: LiveChatPolicy = { acceptWithinSeconds: 30, maxLiveChatsPerRep: 3 };

export type LiveChatStatus = 'offered' | 'waiting' | 'live' | 'ended' | 'unavailable';

export interface LiveChat {
  conversationId: string;
  siteKey: string;
  visitorId: string;
  status: LiveChatStatus;
  /** The reps who may take it, in routing order (the route's rep, then the rest of the pool). */
  candidates: string[];
  /** Reps who declined it or let an offer expire; they are not asked again. */
  passed: string[];
  /** The rep it is offered to, or who serves it. */
  repId: string | null;
  requestedAt: string;
  offerExpiresAt: string | null;
  acceptedAt: string | null;
  /** The first rep message after accepting: the first response time is measured from the request to it. */
  firstResponseAt: string | null;
  endedAt: string | null;
  /** The visitor was told they are in line (once, however often the chat goes back to waiting). */
  toldToWait: boolean;
  /** Bumped by every change; writes are conditional on it, so no two writers both move a chat. */
  version: number;
}

/** A candidate's state as the store and presence see it now. */
export interface CandidateState {
  repId: string;
  available: boolean;
  /** Conversations offered to or served by the rep now. */
  load: number;
}

/** What to do next with a chat that needs a rep. */
export type OfferPlan =
  /** Try these reps in order; the first whose capacity can be claimed gets the offer. */
  | { type: 'offer'; order: string[] }
  /** Someone is available but everyone available is at capacity: wait in line. */
  | { type: 'wait' }
  | { type: 'unavailable' };

export function planOffer(
  chat: Pick<LiveChat, 'candidates' | 'passed'>,
  candidates: readonly CandidateState[],
  policy: LiveChatPolicy,
): OfferPlan {
  const byId = new Map(candidates.map((candidate) => [candidate.repId, candidate]));
  const open = chat.candidates
    .filter((repId) => !chat.passed.includes(repId))
    .map((repId) => byId.get(repId))
    .filter((candidate): candidate is CandidateState => candidate?.available === true);
  if (open.length === 0) return { type: 'unavailable' };
  const withRoom = open.filter((candidate) => candidate.load < policy.maxLiveChatsPerRep);
  if (withRoom.length === 0) return { type: 'wait' };
  return { type: 'offer', order: withRoom.map((candidate) => candidate.repId) };
}

export function newLiveChat(
  request: { conversationId: string; siteKey: string; visitorId: string; candidates: readonly string[] },
  now: Date,
): LiveChat {
  return {
    ...request,
    candidates: [...new Set(request.candidates)],
    status: 'waiting',
    passed: [],
    repId: null,
    requestedAt: now.toISOString(),
    offerExpiresAt: null,
    acceptedAt: null,
    firstResponseAt: null,
    endedAt: null,
    toldToWait: false,
    version: 0,
  };
}

const bump = (chat: LiveChat, changes: Partial<LiveChat>): LiveChat => ({
  ...chat,
  ...changes,
  version: chat.version + 1,
});

export function offerTo(chat: LiveChat, repId: string, now: Date, policy: LiveChatPolicy): LiveChat {
  if (chat.status !== 'waiting') throw new LiveChatMoveError(chat, `offer to ${repId}`);
  return bump(chat, {
    status: 'offered',
    repId,
    offerExpiresAt: new Date(now.getTime() + policy.acceptWithinSeconds * 1000).toISOString(),
  });
}

/** Nobody with room could take it now: the visitor waits in line for the first rep who frees up. */
export function waitInLine(chat: LiveChat): LiveChat {
  if (chat.status !== 'waiting') throw new LiveChatMoveError(chat, 'wait');
  return chat.toldToWait ? chat : bump(chat, { toldToWait: true });
}

export function markUnavailable(chat: LiveChat, now: Date): LiveChat {
  if (chat.status !== 'waiting') throw new LiveChatMoveError(chat, 'give up');
  return bump(chat, { status: 'unavailable', repId: null, offerExpiresAt: null, endedAt: now.toISOString() });
}

/** The offered rep declined, or let the offer expire: the chat waits for the next candidate. */
export function passOffer(chat: LiveChat, repId: string): LiveChat {
  if (chat.status !== 'offered' || chat.repId !== repId) throw new LiveChatMoveError(chat, `pass by ${repId}`);
  return bump(chat, { status: 'waiting', repId: null, offerExpiresAt: null, passed: [...chat.passed, repId] });
}

/** Whether the offer ran out; the moment it expires counts as expired. */
export const offerExpired = (chat: LiveChat, now: Date): boolean =>
  chat.status === 'offered' && chat.offerExpiresAt !== null && now.getTime() >= Date.parse(chat.offerExpiresAt);

export function acceptOffer(chat: LiveChat, repId: string, now: Date): LiveChat {
  if (chat.status !== 'offered' || chat.repId !== repId || offerExpired(chat, now))
    throw new LiveChatMoveError(chat, `accept by ${repId}`);
  return bump(chat, { status: 'live', acceptedAt: now.toISOString(), offerExpiresAt: null });
}

/** A rep message in a live chat; the first one sets the first response time. */
export function recordRepMessage(chat: LiveChat, repId: string, now: Date): LiveChat {
  if (chat.status !== 'live' || chat.repId !== repId) throw new LiveChatMoveError(chat, `message by ${repId}`);
  if (chat.firstResponseAt !== null) return chat;
  return bump(chat, { firstResponseAt: now.toISOString() });
}

export function endLiveChat(chat: LiveChat, now: Date): LiveChat {
  if (chat.status !== 'live') throw new LiveChatMoveError(chat, 'end');
  return bump(chat, { status: 'ended', endedAt: now.toISOString() });
}

/** Seconds from the visitor's request to the rep's first message; null until the rep has written. */
export function firstResponseSeconds(chat: Pick<LiveChat, 'requestedAt' | 'firstResponseAt'>): number | null {
  if (chat.firstResponseAt === null) return null;
  return Math.round((Date.parse(chat.firstResponseAt) - Date.parse(chat.requestedAt)) / 1000);
}

/** Waiting chats this rep may take, oldest request first: the order the line is served in. */
export function waitingFor(repId: string, waiting: readonly LiveChat[]): LiveChat[] {
  return waiting
    .filter((chat) => chat.status === 'waiting' && chat.candidates.includes(repId) && !chat.passed.includes(repId))
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.conversationId.localeCompare(b.conversationId));
}

export class LiveChatMoveError extends Error {
  constructor(
    readonly chat: LiveChat,
    readonly move: string,
  ) {
    super(`a ${chat.status} live chat cannot take the move "${move}"`);
    this.name = 'LiveChatMoveError';
  }
}
