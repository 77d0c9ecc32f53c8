import type { Conversation, Turn } from '../../core/conversation/conversation.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import { advanceConversation, type LiveChatUpdate } from '../../core/playbooks/advance-conversation.js';
import { TurnAlreadyTakenError } from '../../ports/conversation-store.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, notFound } from '../errors.js';
import { playbookOf } from '../playbook-of.js';
import { liveTurnOf } from './live-wire.js';
import { pushLive, type PushDependencies } from './push-live.js';

export type LiveTurnDependencies = Pick<Dependencies, 'conversations' | 'clock' | 'sites' | 'rulebooks'> &
  PushDependencies;

type Draft = Pick<Turn, 'replies' | 'state'> & Partial<Pick<Turn, 'visitorText' | 'clientMessageId' | 'rep'>>;

/** How far back a retried send is recognised, as for visitor messages. */
const RETRY_WINDOW_TURNS = 5;
/** Visitor and rep write into the same conversation at once: a taken turn number is retried with the next one. */
const ATTEMPTS = 10;

/**
 * Appends a turn written outside the playbook (a rep's message, a visitor's message to the rep, news
 * of the live chat) after the newest one, then pushes it to everyone listening to the conversation.
 * `draft` sees the newest turns and returns the turn to write, an earlier turn that already holds
 * it (a retried send), or null for nothing to write.
 */
export async function appendLiveTurn(
  deps: LiveTurnDependencies,
  conversationId: string,
  draft: (latest: Turn | undefined, recent: Turn[], conversation: Conversation) => Draft | Turn | null,
  events: readonly DomainEvent[] = [],
): Promise<{ conversation: Conversation; turn: Turn; replayed: boolean } | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const snapshot = await deps.conversations.loadRecent(conversationId, RETRY_WINDOW_TURNS);
    if (!snapshot) throw notFound('Unknown conversation', `No conversation has the id "${conversationId}".`);
    const latest = snapshot.recentTurns[0];
    const drafted = draft(latest, snapshot.recentTurns, snapshot.conversation);
    if (drafted === null) return null;
    if ('seq' in drafted) return { conversation: snapshot.conversation, turn: drafted, replayed: true };
    const turn: Turn = {
      seq: (latest?.seq ?? -1) + 1,
      at: deps.clock().toISOString(),
      clientMessageId: null,
      visitorText: null,
      ...drafted,
    };
    try {
      await deps.conversations.appendTurn(conversationId, turn, events, snapshot.conversation.expiresAt);
    } catch (error) {
      if (error instanceof TurnAlreadyTakenError) continue;
      throw error;
    }
    await pushLive(
      deps,
      { kind: 'conversation', conversationId },
      { type: 'turns', conversationId, turns: [liveTurnOf(turn)] },
    );
    return { conversation: snapshot.conversation, turn, replayed: false };
  }
  throw conflict('Conversation busy', 'Too many messages were stored in this conversation at once; send yours again.');
}

/** News of the live chat, worded by the conversation's talk-now step. */
export async function appendLiveChatUpdate(
  deps: LiveTurnDependencies,
  conversation: Conversation,
  update: LiveChatUpdate,
  /** Stored with the turn that tells the visitor, so the news and the event are one write. */
  events: readonly DomainEvent[] = [],
): Promise<Turn | null> {
  const playbook = await playbookOf(deps, conversation);
  const appended = await appendLiveTurn(
    deps,
    conversation.id,
    (latest) => {
      const outcome = advanceConversation(
        playbook,
        latest?.state ?? null,
        { type: 'live-chat', update },
        conversation.language,
      );
      return outcome.replies.length === 0 ? null : { replies: outcome.replies, state: outcome.state };
    },
    events,
  );
  return appended?.turn ?? null;
}
