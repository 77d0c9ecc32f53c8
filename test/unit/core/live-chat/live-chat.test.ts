import { describe, expect, it } from 'vitest';
import {
  acceptOffer,
  endLiveChat,
  firstResponseSeconds,
  LiveChatMoveError,
  markUnavailable,
  offerExpired,
  offerTo,
  passOffer,
  planOffer,
  recordRepMessage,
  waitingFor,
  waitInLine,
  type CandidateState,
} from '../../../../functions/core/live-chat/live-chat.js';
import { aLiveChat } from '../../../fixtures/live-chat.js';

const policy = { acceptWithinSeconds: 30, maxLiveChatsPerRep: 2 };
const now = new Date('2026-11-25T10:00:00.000Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const rep = (repId: string, available: boolean, load = 0): CandidateState => ({ repId, available, load });

describe('planning an offer', () => {
  it.each([
    [
      'offers to the available candidates in routing order',
      [rep('rep-carla', true), rep('rep-ana', true), rep('rep-ben', false)],
      [],
      { type: 'offer', order: ['rep-ana', 'rep-carla'] },
    ],
    [
      'skips reps who already passed on it',
      [rep('rep-ana', true), rep('rep-ben', true)],
      ['rep-ana'],
      { type: 'offer', order: ['rep-ben'] },
    ],
    [
      'skips a rep at the limit, and offers to one just below it',
      [rep('rep-ana', true, 2), rep('rep-ben', true, 1)],
      [],
      { type: 'offer', order: ['rep-ben'] },
    ],
    [
      'waits in line when every available rep is at the limit',
      [rep('rep-ana', true, 2), rep('rep-ben', false)],
      [],
      { type: 'wait' },
    ],
    [
      'is unavailable when nobody is available',
      [rep('rep-ana', false), rep('rep-ben', false)],
      [],
      { type: 'unavailable' },
    ],
    ['is unavailable when every available rep passed', [rep('rep-ana', true)], ['rep-ana'], { type: 'unavailable' }],
    ['is unavailable with no candidates at all', [], [], { type: 'unavailable' }],
    ['ignores reps who are not candidates', [rep('rep-zed', true)], [], { type: 'unavailable' }],
  ])('%s', (_sentence, states, passed, plan) => {
    expect(planOffer(aLiveChat({ passed }), states, policy)).toEqual(plan);
  });
});

describe('the live-chat lifecycle', () => {
  it('offers to a rep for the accept window, and the rep accepts inside it', () => {
    const offered = offerTo(aLiveChat(), 'rep-ana', now, policy);
    expect(offered).toMatchObject({
      status: 'offered',
      repId: 'rep-ana',
      offerExpiresAt: '2026-11-25T10:00:30.000Z',
      version: 1,
    });
    expect(acceptOffer(offered, 'rep-ana', later(29))).toMatchObject({
      status: 'live',
      acceptedAt: '2026-11-25T10:00:29.000Z',
      offerExpiresAt: null,
      version: 2,
    });
  });

  it('an offer expires exactly at the end of the window, and cannot be accepted then', () => {
    const offered = offerTo(aLiveChat(), 'rep-ana', now, policy);
    expect(offerExpired(offered, later(29.999))).toBe(false);
    expect(offerExpired(offered, later(30))).toBe(true);
    expect(() => acceptOffer(offered, 'rep-ana', later(30))).toThrow(LiveChatMoveError);
  });

  it('only the rep it was offered to can accept it', () => {
    const offered = offerTo(aLiveChat(), 'rep-ana', now, policy);
    expect(() => acceptOffer(offered, 'rep-ben', later(1))).toThrow(LiveChatMoveError);
  });

  it('a pass puts it back in line and remembers who passed', () => {
    const passed = passOffer(offerTo(aLiveChat(), 'rep-ana', now, policy), 'rep-ana');
    expect(passed).toMatchObject({ status: 'waiting', repId: null, passed: ['rep-ana'], offerExpiresAt: null });
    expect(() => passOffer(passed, 'rep-ana')).toThrow(LiveChatMoveError);
  });

  it('a waiting chat nobody can take ends as unavailable; one already offered cannot', () => {
    expect(markUnavailable(aLiveChat(), now)).toMatchObject({ status: 'unavailable', endedAt: now.toISOString() });
    expect(() => markUnavailable(offerTo(aLiveChat(), 'rep-ana', now, policy), now)).toThrow(LiveChatMoveError);
  });

  it('tells a visitor once that they wait in line, however often the chat goes back to waiting', () => {
    const waiting = waitInLine(aLiveChat());
    expect(waiting).toMatchObject({ toldToWait: true, version: 1 });
    expect(waitInLine(waiting)).toBe(waiting);
    expect(() => waitInLine(offerTo(waiting, 'rep-ana', now, policy))).toThrow(LiveChatMoveError);
  });

  it('cannot be offered twice', () => {
    const offered = offerTo(aLiveChat(), 'rep-ana', now, policy);
    expect(() => offerTo(offered, 'rep-ben', now, policy)).toThrow(LiveChatMoveError);
  });

  it('measures the first response from the request to the rep’s first message, not later ones', () => {
    const live = acceptOffer(offerTo(aLiveChat(), 'rep-ana', now, policy), 'rep-ana', later(5));
    expect(firstResponseSeconds(live)).toBeNull();
    const answered = recordRepMessage(live, 'rep-ana', later(42));
    expect(firstResponseSeconds(answered)).toBe(42);
    expect(recordRepMessage(answered, 'rep-ana', later(90))).toBe(answered);
    expect(() => recordRepMessage(live, 'rep-ben', later(42))).toThrow(LiveChatMoveError);
  });

  it('ends a live chat once', () => {
    const live = acceptOffer(offerTo(aLiveChat(), 'rep-ana', now, policy), 'rep-ana', later(5));
    const ended = endLiveChat(live, later(60));
    expect(ended).toMatchObject({ status: 'ended', endedAt: later(60).toISOString() });
    expect(() => endLiveChat(ended, later(61))).toThrow(LiveChatMoveError);
  });
});

describe('the waiting line', () => {
  it('serves the oldest request first, only chats the rep may take and has not passed on', () => {
    const first = aLiveChat({ conversationId: 'A', requestedAt: '2026-11-25T10:00:01.000Z' });
    const second = aLiveChat({ conversationId: 'B', requestedAt: '2026-11-25T10:00:02.000Z' });
    const notTheirs = aLiveChat({
      conversationId: 'C',
      requestedAt: '2026-11-25T10:00:00.000Z',
      candidates: ['rep-ben'],
    });
    const passedOn = aLiveChat({ conversationId: 'D', requestedAt: '2026-11-25T10:00:00.000Z', passed: ['rep-ana'] });
    const live = aLiveChat({ conversationId: 'E', status: 'live', requestedAt: '2026-11-25T09:00:00.000Z' });
    expect(
      waitingFor('rep-ana', [second, notTheirs, live, first, passedOn]).map((chat) => chat.conversationId),
    ).toEqual(['A', 'B']);
  });

  it('breaks a tie of request times by conversation id, so every reader sees one order', () => {
    const a = aLiveChat({ conversationId: 'A' });
    const b = aLiveChat({ conversationId: 'B' });
    expect(waitingFor('rep-ana', [b, a]).map((chat) => chat.conversationId)).toEqual(['A', 'B']);
  });
});
