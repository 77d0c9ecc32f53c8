import type { BotReply, ConversationState, ReplyAttachment } from '../playbooks/advance-conversation.js';
import type { ConsentRecord } from '../privacy/consent.js';

export interface Conversation {
  id: string;
  siteKey: string;
  visitorId: string;
  language: string;
  playbookId: string;
  startedAt: string;
  /** The rulebook in force when it started; the conversation keeps it even if another goes live meanwhile. */
  rulebookVersion: number;
  /** Evidence of the notice the visitor accepted: its exact text and version, when the server received it, and from whom (hashed). */
  consent?: ConsentRecord;
  /** When it is gone from every read (epoch seconds, the table's TTL attribute): the site's retention from its start. */
  expiresAt?: number;
}

/** One exchange: what the visitor said (none for the opening turn), the bot's replies and the engine state after it. */
export interface Turn {
  seq: number;
  at: string;
  clientMessageId: string | null;
  visitorText: string | null;
  replies: BotReply[];
  state: ConversationState;
  /** A message a rep wrote in a live chat. */
  rep?: { repId: string; name: string; text: string };
}

export interface Message {
  id: string;
  role: 'visitor' | 'bot' | 'rep';
  /** The rep's name, on rep messages. */
  from?: string;
  text: string;
  at: string;
  options?: Array<{ value: string; label: string }>;
  attachment?: ReplyAttachment;
}

export function messagesOfTurn(turn: Turn): Message[] {
  const visitor: Message[] =
    turn.visitorText === null ? [] : [{ id: `${turn.seq}-v`, role: 'visitor', text: turn.visitorText, at: turn.at }];
  const rep: Message[] = turn.rep
    ? [{ id: `${turn.seq}-r`, role: 'rep', from: turn.rep.name, text: turn.rep.text, at: turn.at }]
    : [];
  return [
    ...visitor,
    ...rep,
    ...turn.replies.map(
      (reply, index): Message => ({
        id: `${turn.seq}-b${index}`,
        role: 'bot',
        text: reply.text,
        at: turn.at,
        ...(reply.options ? { options: reply.options } : {}),
        ...(reply.attachment ? { attachment: reply.attachment } : {}),
      }),
    ),
  ];
}

export function messagesOfTurns(turns: readonly Turn[]): Message[] {
  return [...turns].sort((a, b) => a.seq - b.seq).flatMap(messagesOfTurn);
}
