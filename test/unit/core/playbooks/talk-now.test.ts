import { describe, expect, it } from 'vitest';
import {
  advanceConversation,
  type ConversationState,
  type LiveChatUpdate,
} from '../../../../functions/core/playbooks/advance-conversation.js';
import { Playbook } from '../../../../functions/core/playbooks/playbook.js';
import { aPlaybook } from '../../../fixtures/builders.js';

const playbook = Playbook.parse({
  ...aPlaybook(),
  steps: [
    {
      id: 'how',
      kind: 'ask-choice',
      answerKey: 'how',
      prompt: { en: 'How can we help?' },
      invalid: { en: 'Pick one.' },
      options: [
        { value: 'now', label: { en: 'Talk to someone now' } },
        { value: 'later', label: { en: 'Later' } },
      ],
    },
    { id: 'talk', kind: 'talk-now' },
    { id: 'bye', kind: 'end', text: { en: 'Thanks!' } },
  ],
});
const talking: ConversationState = { awaiting: 'talk', answers: { how: 'now' }, liveChat: true };
const update = (state: ConversationState, live: LiveChatUpdate) =>
  advanceConversation(playbook, state, { type: 'live-chat', update: live }, 'en');

describe('the talk-now step', () => {
  it('asks the application for a live chat when the visitor reaches it', () => {
    expect(
      advanceConversation(playbook, { awaiting: 'how', answers: {} }, { type: 'visitor-message', text: 'now' }, 'en'),
    ).toEqual({ state: { awaiting: 'talk', answers: { how: 'now' } }, replies: [], effects: [{ type: 'talk-now' }] });
  });

  it('tells the visitor someone is being found, and from then on a person has the conversation', () => {
    expect(update({ awaiting: 'talk', answers: { how: 'now' } }, { kind: 'requested' })).toEqual({
      state: talking,
      replies: [{ text: 'Let me find someone who can talk with you right now…', attachment: { type: 'live-chat' } }],
      effects: [],
    });
  });

  it('names the rep who joined', () => {
    expect(update(talking, { kind: 'joined', repName: 'Ana', repTitle: 'AE', photoUrl: null }).replies).toEqual([
      {
        text: 'Ana has joined the conversation.',
        attachment: { type: 'rep', name: 'Ana', title: 'AE', photoUrl: null },
      },
    ]);
  });

  it('offers open times to a visitor waiting in line, who stays with a person', () => {
    expect(update(talking, { kind: 'waiting' })).toEqual({
      state: talking,
      replies: [
        { text: 'Everyone is with another visitor; you are next in line. If you would rather not wait, pick a time:' },
        { text: '', attachment: { type: 'slots' } },
      ],
      effects: [],
    });
  });

  it('with nobody available, offers open times and goes on with the playbook', () => {
    expect(update(talking, { kind: 'unavailable' })).toEqual({
      state: { awaiting: null, answers: { how: 'now' } },
      replies: [
        { text: 'Nobody can chat right now. Pick a time that suits you:' },
        { text: '', attachment: { type: 'slots' } },
        { text: 'Thanks!' },
      ],
      effects: [],
    });
  });

  it('after the chat ends, the playbook goes on', () => {
    expect(update(talking, { kind: 'ended', repName: 'Ana' }).replies).toEqual([
      { text: 'The conversation with Ana has ended.' },
      { text: 'Thanks!' },
    ]);
  });

  it('ignores live-chat news when the conversation is elsewhere, without speaking', () => {
    expect(update({ awaiting: 'how', answers: {} }, { kind: 'waiting' })).toEqual({
      state: { awaiting: 'how', answers: {} },
      replies: [],
      effects: [],
    });
    expect(update({ awaiting: null, answers: {} }, { kind: 'waiting' }).replies).toEqual([]);
  });

  it('takes texts from the playbook in the visitor’s language', () => {
    const custom = Playbook.parse({
      ...aPlaybook(),
      steps: [{ id: 'talk', kind: 'talk-now', joined: { en: '{rep} is here.', pt: '{rep} está aqui.' } }],
    });
    expect(
      advanceConversation(
        custom,
        talking,
        { type: 'live-chat', update: { kind: 'joined', repName: 'Ana', repTitle: null, photoUrl: null } },
        'pt-BR',
      ).replies[0]?.text,
    ).toBe('Ana está aqui.');
  });
});
