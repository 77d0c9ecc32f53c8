import type { LiveChat } from '../core/live-chat/live-chat.js';
import type { PresenceSetting } from '../core/live-chat/presence.js';

/** A rep's live-chat desk: what they set, and how many conversations are offered to or served by them now. */
export interface RepDesk {
  repId: string;
  setting: PresenceSetting | null;
  setAt: string | null;
  load: number;
}

export interface LiveChatStore {
  setPresence(siteKey: string, repId: string, setting: PresenceSetting, at: string): Promise<void>;
  /** Every desk of the site; reps who never set anything have none. */
  listDesks(siteKey: string): Promise<RepDesk[]>;
  /** Takes one place of the rep's capacity; false when the rep is at the limit. Atomic. */
  claimCapacity(siteKey: string, repId: string, limit: number): Promise<boolean>;
  /** Gives a place back; never below zero. */
  releaseCapacity(siteKey: string, repId: string): Promise<void>;
  /** Stores a new request; false when the conversation already has one that is not finished. */
  create(chat: LiveChat): Promise<boolean>;
  get(siteKey: string, conversationId: string): Promise<LiveChat | null>;
  /** Writes the chat if the stored one is still at `chat.version - 1`; false when another writer moved it first. */
  update(chat: LiveChat): Promise<boolean>;
  /** Waiting chats, oldest request first. */
  listWaiting(siteKey: string): Promise<LiveChat[]>;
  /** Chats offered to, served or ended by the rep, newest request first. */
  listForRep(siteKey: string, repId: string, limit: number): Promise<LiveChat[]>;
  /** Remembers who typed when, for clients that poll. */
  touchTyping(siteKey: string, conversationId: string, who: 'visitor' | 'rep', at: string): Promise<void>;
  typing(siteKey: string, conversationId: string): Promise<{ visitor: string | null; rep: string | null }>;
}
