import type { Conversation, Turn } from '../core/conversation/conversation.js';
import type { DomainEvent } from '../core/events/domain-event.js';
import type { RoutingDecision } from '../core/routing/routing-decision.js';

export interface ConversationSnapshot {
  conversation: Conversation;
  /** Newest first. */
  recentTurns: Turn[];
  /**
   * The conversation's start made its visitor (no token came with it): no profile of theirs was stored
   * then, so a turn may write the first one without reading. A profile stored since (a page view with the
   * new token) fails that write's condition and is read then.
   */
  newVisitor: boolean;
}

export interface ConversationStore {
  /**
   * Stores a new conversation and its opening turn, which carries the events of the start; `newVisitor`
   * when the start made its visitor (read back in ConversationSnapshot).
   */
  create(
    conversation: Conversation,
    openingTurn: Turn,
    events?: readonly DomainEvent[],
    options?: { newVisitor?: boolean },
  ): Promise<void>;
  /** The conversation with its newest turns, enough to continue it; null when unknown or expired. */
  loadRecent(conversationId: string, turns: number): Promise<ConversationSnapshot | null>;
  /** Every turn, oldest first. */
  loadAll(conversationId: string): Promise<{ conversation: Conversation; turns: Turn[] } | null>;
  /**
   * Appends a turn, expiring with its conversation (`expiresAt`, epoch seconds); throws
   * TurnAlreadyTakenError when another writer stored that sequence number first. A turn that routed
   * stores its `decision` with it, in the same write: the decision store reads it from there.
   */
  appendTurn(
    conversationId: string,
    turn: Turn,
    events?: readonly DomainEvent[],
    expiresAt?: number,
    decision?: RoutingDecision,
  ): Promise<void>;
  /**
   * A site's conversations started in [from, to), newest first, a page at a time; throws
   * InvalidCursorError (ports/lead-store.ts) for a cursor not issued by this listing.
   */
  listBySite(
    siteKey: string,
    range: { from?: string | undefined; to?: string | undefined },
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ conversations: Conversation[]; nextCursor: string | null }>;
}

export class TurnAlreadyTakenError extends Error {
  constructor(
    readonly conversationId: string,
    readonly seq: number,
  ) {
    super(`turn ${seq} of conversation ${conversationId} was already written`);
    this.name = 'TurnAlreadyTakenError';
  }
}
