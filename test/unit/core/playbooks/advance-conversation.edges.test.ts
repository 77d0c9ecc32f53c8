import { describe, expect, it } from 'vitest';
import { advanceConversation } from '../../../../functions/core/playbooks/advance-conversation.js';
import type { Playbook } from '../../../../functions/core/playbooks/playbook.js';
import { aPlaybook } from '../../../fixtures/builders.js';

const message = (text: string) => ({ type: 'visitor-message' as const, text });

describe('a conversation at the edges of its playbook', () => {
  it('starts over, greeting again with no answers, when a started event comes for a conversation under way', () => {
    const outcome = advanceConversation(
      aPlaybook(),
      { awaiting: 'email', answers: { need: 'x' } },
      { type: 'started' },
      'en',
    );

    expect(outcome).toEqual({
      state: { awaiting: 'need', answers: {} },
      replies: [{ text: 'Hello there.' }, { text: 'What do you need?' }],
      effects: [],
    });
  });

  it.each([
    ['route', { id: 'go', kind: 'route', offerSlots: false, routed: { en: '{rep} will help.' } }, 'route'],
    ['talk-now', { id: 'go', kind: 'talk-now' }, 'talk-now'],
  ] as const)(
    'asks again for the %s work, and says nothing, when the visitor writes while it is pending',
    (_, step, effect) => {
      const playbook = aPlaybook({ steps: [step as never, { id: 'bye', kind: 'end', text: { en: 'Bye.' } }] });
      const state = { awaiting: 'go', answers: { need: 'x' } };

      expect(advanceConversation(playbook, state, message('hello?'), 'en')).toEqual({
        state,
        replies: [],
        effects: [{ type: effect }],
      });
    },
  );

  it.each(['say', 'branch', 'end'] as const)(
    'ends with the after-end text when the state waits on a %s step, which never waits (an older playbook)',
    (kind) => {
      const steps = {
        say: { id: 'old', kind: 'say', text: { en: 'Said.' } },
        branch: { id: 'old', kind: 'branch', branches: [], otherwise: 'bye' },
        end: { id: 'old', kind: 'end', text: { en: 'Ended.' } },
      }[kind];
      const playbook = aPlaybook({ steps: [steps as never, { id: 'bye', kind: 'end', text: { en: 'Bye.' } }] });

      expect(advanceConversation(playbook, { awaiting: 'old', answers: { a: '1' } }, message('hi'), 'en')).toEqual({
        state: { awaiting: null, answers: { a: '1' } },
        replies: [{ text: 'We have all we need.' }],
        effects: [],
      });
    },
  );

  it('asks a choice question with its buttons and waits on it', () => {
    const playbook = aPlaybook({
      steps: [
        { id: 'intro', kind: 'say', text: { en: 'Hi.' } },
        {
          id: 'size',
          kind: 'ask-choice',
          answerKey: 'size',
          prompt: { en: 'How big?' },
          options: [{ value: 'small', label: { en: 'Small' } }],
          invalid: { en: 'Pick one.' },
          allowFreeText: false,
        },
      ],
    });

    expect(advanceConversation(playbook, null, { type: 'started' }, 'en')).toEqual({
      state: { awaiting: 'size', answers: {} },
      replies: [
        { text: 'Hello there.' },
        { text: 'Hi.' },
        { text: 'How big?', options: [{ value: 'small', label: 'Small' }] },
      ],
      effects: [],
    });
  });

  it('keeps text naming an intent the playbook has no step for as the free-text answer', () => {
    const playbook = aPlaybook({
      intents: [{ intent: 'person', next: 'bye' }],
      steps: [
        {
          id: 'need',
          kind: 'ask-choice',
          answerKey: 'need',
          prompt: { en: 'What would help?' },
          options: [{ value: 'demo', label: { en: 'See a demo' } }],
          invalid: { en: 'Pick one.' },
          allowFreeText: true,
        },
        { id: 'bye', kind: 'end', text: { en: 'Bye.' } },
      ],
    });

    expect(
      advanceConversation(playbook, { awaiting: 'need', answers: {} }, message('what is the pricing?'), 'en'),
    ).toEqual({
      state: { awaiting: null, answers: { need: 'what is the pricing?' } },
      replies: [{ text: 'Bye.' }],
      effects: [],
    });
  });

  it('goes on to the listed step when a step names no next one, even with the key present', () => {
    const playbook = aPlaybook({
      steps: [
        { id: 'a', kind: 'say', text: { en: 'A.' }, next: undefined },
        { id: 'b', kind: 'end', text: { en: 'B.' } },
      ],
    });

    expect(advanceConversation(playbook, null, { type: 'started' }, 'en').replies).toEqual([
      { text: 'Hello there.' },
      { text: 'A.' },
      { text: 'B.' },
    ]);
  });

  describe('branches read what is known of the visitor, and defaults when nothing is', () => {
    const branching = (when: unknown): Playbook =>
      aPlaybook({
        steps: [
          { id: 'check', kind: 'branch', branches: [{ when: when as never, next: 'yes' }], otherwise: 'no' },
          { id: 'yes', kind: 'end', text: { en: 'Yes.' } },
          { id: 'no', kind: 'end', text: { en: 'No.' } },
        ],
      });
    const afterStart = (when: unknown) =>
      advanceConversation(branching(when), null, { type: 'started' }, 'en').replies.at(-1)?.text;

    it.each([
      [
        'a score of 0 and stage visitor with no snapshot',
        {
          all: [
            { field: 'score', op: 'equals', value: 0 },
            { field: 'stage', op: 'equals', value: 'visitor' },
          ],
        },
        'Yes.',
      ],
      ['no qualification with no snapshot', { field: 'qualifies', op: 'equals', value: false }, 'Yes.'],
    ])('reads %s', (_, when, reply) => {
      expect(afterStart(when)).toBe(reply);
    });

    it('reads the visitor’s score and stage once rescored', () => {
      const mql = { score: 80, stage: 'mql', qualifies: true };
      const playbook = branching({
        all: [
          { field: 'score', op: 'between', min: 80, max: 80 },
          { field: 'stage', op: 'equals', value: 'mql' },
        ],
      });
      const rescored = advanceConversation(
        playbook,
        { awaiting: 'x', answers: {} },
        { type: 'rescored', visitor: mql },
        'en',
      );
      const playbookWithAsk = aPlaybook({
        steps: [{ id: 'q', kind: 'ask-text', answerKey: 'q', maxLength: 10, prompt: { en: 'Q?' } }, ...playbook.steps],
      });

      expect(rescored.state.visitor).toEqual(mql);
      expect(
        advanceConversation(playbookWithAsk, { awaiting: 'q', answers: {}, visitor: mql }, message('x'), 'en').replies,
      ).toEqual([{ text: 'Yes.' }]);
      expect(
        advanceConversation(
          playbookWithAsk,
          { awaiting: 'q', answers: {}, visitor: { ...mql, score: 79 } },
          message('x'),
          'en',
        ).replies,
      ).toEqual([{ text: 'No.' }]);
    });
  });

  it('shows no name in a live-chat text naming {rep} before anyone joined', () => {
    const playbook = aPlaybook({
      steps: [
        { id: 'talk', kind: 'talk-now', connecting: { en: 'Finding {rep}…' } } as never,
        { id: 'bye', kind: 'end', text: { en: 'Bye.' } },
      ],
    });

    const outcome = advanceConversation(
      playbook,
      { awaiting: 'talk', answers: {} },
      { type: 'live-chat', update: { kind: 'requested' } },
      'en',
    );

    expect(outcome.replies).toEqual([{ text: 'Finding …', attachment: { type: 'live-chat' } }]);
  });

  it('refuses a live-chat update it does not know rather than ending the chat silently', () => {
    const playbook = aPlaybook({ steps: [{ id: 'talk', kind: 'talk-now' } as never] });

    expect(() =>
      advanceConversation(
        playbook,
        { awaiting: 'talk', answers: {} },
        { type: 'live-chat', update: { kind: 'teleported' } as never },
        'en',
      ),
    ).toThrow(/live chat update/);
  });
});
