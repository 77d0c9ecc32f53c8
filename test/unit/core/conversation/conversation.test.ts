import { describe, expect, it } from 'vitest';
import { messagesOfTurn, messagesOfTurns } from '../../../../functions/core/conversation/conversation.js';
import { Site } from '../../../../functions/core/conversation/site.js';
import { aPlaybook, aSite, aTurn } from '../../../fixtures/builders.js';

describe('messagesOfTurn', () => {
  it('lists the visitor text, the rep message, then each bot reply with its buttons and attachment', () => {
    const turn = aTurn({
      seq: 3,
      at: '2026-11-25T10:00:03.000Z',
      visitorText: 'Pricing?',
      rep: { repId: 'rep-ana', name: 'Ana', text: 'Hi, Ana here.' },
      replies: [
        { text: 'Pick one', options: [{ value: 'a', label: 'A' }] },
        { text: '', attachment: { type: 'slots' } },
      ],
    });

    expect(messagesOfTurn(turn)).toEqual([
      { id: '3-v', role: 'visitor', text: 'Pricing?', at: '2026-11-25T10:00:03.000Z' },
      { id: '3-r', role: 'rep', from: 'Ana', text: 'Hi, Ana here.', at: '2026-11-25T10:00:03.000Z' },
      {
        id: '3-b0',
        role: 'bot',
        text: 'Pick one',
        at: '2026-11-25T10:00:03.000Z',
        options: [{ value: 'a', label: 'A' }],
      },
      { id: '3-b1', role: 'bot', text: '', at: '2026-11-25T10:00:03.000Z', attachment: { type: 'slots' } },
    ]);
  });

  it('has no visitor message for the opening turn and no rep message outside a live chat', () => {
    expect(messagesOfTurn(aTurn({ seq: 0, visitorText: null, replies: [{ text: 'Hello there.' }] }))).toEqual([
      { id: '0-b0', role: 'bot', text: 'Hello there.', at: '2026-11-25T10:00:00.000Z' },
    ]);
  });

  it('orders turns by their number whatever order they were read in', () => {
    const turns = [aTurn({ seq: 2, visitorText: 'b', replies: [] }), aTurn({ seq: 1, visitorText: 'a', replies: [] })];
    expect(messagesOfTurns(turns).map((message) => message.id)).toEqual(['1-v', '2-v']);
    expect(turns.map((turn) => turn.seq)).toEqual([2, 1]);
  });
});

describe('the Site schema', () => {
  it.each([
    ['abc', true],
    ['ab', false],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-abc', false],
    ['Abc', false],
    ['acme-2', true],
  ])('site key %j: accepted %s', (siteKey, accepted) => {
    expect(Site.safeParse(aSite({ siteKey })).success).toBe(accepted);
  });

  it('fills in the default meeting type and refuses a consent notice without a version', () => {
    const { meetingType: _m, ...site } = aSite({ playbook: aPlaybook() });
    expect(Site.parse(site).meetingType.id).toBe('intro');
    expect(
      Site.safeParse({ ...site, consent: { required: true, version: '', text: { en: 'We record this chat.' } } })
        .success,
    ).toBe(false);
  });
});
