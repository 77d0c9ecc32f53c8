import { messagesOfTurn, type Message, type Turn } from '../../core/conversation/conversation.js';

/** A turn as live clients receive it: its sequence number lets them resume after it and drop what they have. */
export interface LiveTurn {
  seq: number;
  messages: Message[];
}

/** What a live connection receives. */
export type LivePush =
  | { type: 'turns'; conversationId: string; turns: LiveTurn[] }
  | { type: 'typing'; conversationId: string; who: 'visitor' | 'rep' }
  /** Something in the rep's inbox changed (an offer, a waiting visitor, a message): read it again. */
  | { type: 'inbox'; siteKey: string };

export const liveTurnOf = (turn: Turn): LiveTurn => ({ seq: turn.seq, messages: messagesOfTurn(turn) });
