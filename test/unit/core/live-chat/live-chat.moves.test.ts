import { describe, expect, it } from 'vitest';
import {
  acceptOffer,
  endLiveChat,
  type LiveChat,
  LiveChatMoveError,
  markUnavailable,
  offerExpired,
  offerTo,
  passOffer,
  recordRepMessage,
  waitInLine,
} from '../../../../functions/core/live-chat/live-chat.js';
import { aLiveChat } from '../../../fixtures/live-chat.js';

const policy = { acceptWithinSeconds: 30, maxLiveChatsPerRep: 2 };
const now = new Date('2026-11-25T10:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

const waiting = () => aLiveChat();
const offered = () => offerTo(aLiveChat(), 'rep-ana', now, policy);
const live = () => acceptOffer(offered(), 'rep-ana', later(1));
const ended = () => endLiveChat(live(), later(2));

/** The move refused, its status and the words the error carries. */
function refusal(move: () => LiveChat) {
  try {
    move();
  } catch (error) {
    if (!(error instanceof LiveChatMoveError)) throw error;
    return { name: error.name, message: error.message, move: error.move, status: error.chat.status };
  }
  throw new Error('the move was not refused');
}

describe('a live chat refuses a move its state does not allow, naming the state and the move', () => {
  it.each([
    [
      'offer to a chat already offered',
      () => offerTo(offered(), 'rep-ben', now, policy),
      'offered',
      'offer to rep-ben',
    ],
    ['offer to a live chat', () => offerTo(live(), 'rep-ben', now, policy), 'live', 'offer to rep-ben'],
    ['telling an offered chat to wait', () => waitInLine(offered()), 'offered', 'wait'],
    ['giving up on a live chat', () => markUnavailable(live(), now), 'live', 'give up'],
    ['a pass on a waiting chat', () => passOffer(waiting(), 'rep-ana'), 'waiting', 'pass by rep-ana'],
    ['a pass by a rep it was not offered to', () => passOffer(offered(), 'rep-ben'), 'offered', 'pass by rep-ben'],
    ['accepting a waiting chat', () => acceptOffer(waiting(), 'rep-ana', now), 'waiting', 'accept by rep-ana'],
    ['accepting by another rep', () => acceptOffer(offered(), 'rep-ben', now), 'offered', 'accept by rep-ben'],
    ['accepting an expired offer', () => acceptOffer(offered(), 'rep-ana', later(30)), 'offered', 'accept by rep-ana'],
    [
      'a message in an offered chat',
      () => recordRepMessage(offered(), 'rep-ana', now),
      'offered',
      'message by rep-ana',
    ],
    ['a message by another rep', () => recordRepMessage(live(), 'rep-ben', now), 'live', 'message by rep-ben'],
    ['ending an offered chat', () => endLiveChat(offered(), now), 'offered', 'end'],
    ['ending an ended chat', () => endLiveChat(ended(), now), 'ended', 'end'],
  ])('%s', (_, move, status, name) => {
    expect(refusal(move)).toEqual({
      name: 'LiveChatMoveError',
      message: `a ${status} live chat cannot take the move "${name}"`,
      move: name,
      status,
    });
  });

  it('lets the offered rep pass, accept in time, and write', () => {
    expect(passOffer(offered(), 'rep-ana').status).toBe('waiting');
    expect(acceptOffer(offered(), 'rep-ana', later(29)).status).toBe('live');
    expect(recordRepMessage(live(), 'rep-ana', later(3)).firstResponseAt).toBe(later(3).toISOString());
  });
});

describe('when an offer runs out', () => {
  it.each([
    ['a waiting chat', false, waiting, later(100)],
    ['a live chat', false, () => ({ ...live(), offerExpiresAt: now.toISOString() }), later(100)],
    ['an offer with no end', false, () => ({ ...offered(), offerExpiresAt: null }), later(100)],
    ['an offer a moment before its end', false, offered, later(29.999)],
    ['an offer at its end', true, offered, later(30)],
  ])('%s has run out: %s', (_, expired, chat, at) => {
    expect(offerExpired(chat(), at)).toBe(expired);
  });
});
