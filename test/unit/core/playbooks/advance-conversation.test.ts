import { describe, expect, it } from 'vitest';
import { advanceConversation } from '../../../../functions/core/playbooks/advance-conversation.js';
import { Playbook } from '../../../../functions/core/playbooks/playbook.js';
import { aPlaybook } from '../../../fixtures/builders.js';

const playbook = aPlaybook();
const message = (text: string) => ({ type: 'visitor-message' as const, text });

describe('advanceConversation', () => {
  it('greets and asks the first question when a conversation starts', () => {
    const outcome = advanceConversation(playbook, null, { type: 'started' }, 'en');

    expect(outcome).toEqual({ state: { awaiting: 'need', answers: {} }, replies: [{ text: 'Hello there.' }, { text: 'What do you need?' }], effects: [] });
  });

  it("speaks the visitor's language, falling back from a regional tag to its base language and then to English", () => {
    expect(advanceConversation(playbook, null, { type: 'started' }, 'es-MX').replies).toEqual([{ text: 'Hola.' }, { text: '¿Qué necesitas?' }]);
    expect(advanceConversation(playbook, null, { type: 'started' }, 'de-DE').replies[0]).toEqual({ text: 'Hello there.' });
  });

  it('stores a free-text answer, trimmed and cut to the step maximum, and asks the next question', () => {
    const outcome = advanceConversation(playbook, { awaiting: 'need', answers: {} }, message('  routing for our whole sales team  '), 'en');

    expect(outcome).toEqual({ state: { awaiting: 'email', answers: { need: 'routing for our whol' } }, replies: [{ text: 'Your email?' }], effects: [] });
  });

  it('asks again, keeping the state, when the email is not an email address', () => {
    const state = { awaiting: 'email', answers: { need: 'x' } };

    const outcome = advanceConversation(playbook, state, message('not-an-email'), 'en');

    expect(outcome).toEqual({ state, replies: [{ text: 'That is not an email.' }], effects: [] });
  });

  it('accepts a valid email in lower case and ends with the closing text', () => {
    const outcome = advanceConversation(playbook, { awaiting: 'email', answers: { need: 'x' } }, message('Ada@Example.COM'), 'en');

    expect(outcome).toEqual({ state: { awaiting: null, answers: { need: 'x', email: 'ada@example.com' } }, replies: [{ text: 'Thanks!' }], effects: [] });
  });

  it('answers with the after-end text once the playbook has ended', () => {
    const outcome = advanceConversation(playbook, { awaiting: null, answers: {} }, message('hello?'), 'en');

    expect(outcome.replies).toEqual([{ text: 'We have all we need.' }]);
  });

  it('follows an explicit next step and runs consecutive say steps in one turn', () => {
    const branching = aPlaybook({
      steps: [
        { id: 'q', kind: 'ask-text', answerKey: 'q', maxLength: 100, prompt: { en: 'Q?' }, next: 'b' },
        { id: 'skipped', kind: 'say', text: { en: 'never shown' } },
        { id: 'b', kind: 'say', text: { en: 'B.' } },
        { id: 'c', kind: 'say', text: { en: 'C.' } },
        { id: 'end', kind: 'end', text: { en: 'End.' } },
      ],
    });

    const outcome = advanceConversation(branching, { awaiting: 'q', answers: {} }, message('a'), 'en');

    expect(outcome.replies).toEqual([{ text: 'B.' }, { text: 'C.' }, { text: 'End.' }]);
    expect(outcome.state.awaiting).toBeNull();
  });

  it('stops a loop of say steps instead of spinning forever', () => {
    const looping = aPlaybook({
      steps: [
        { id: 'a', kind: 'say', text: { en: 'A' }, next: 'b' },
        { id: 'b', kind: 'say', text: { en: 'B' }, next: 'a' },
      ],
    });

    const outcome = advanceConversation(looping, null, { type: 'started' }, 'en');

    expect(outcome.replies.length).toBeLessThanOrEqual(51);
    expect(outcome.state.awaiting).toBeNull();
  });
});

describe('the route step', () => {
  const routing = aPlaybook({
    steps: [
      { id: 'email', kind: 'ask-email', answerKey: 'email', prompt: { en: 'Email?' }, invalid: { en: 'Bad email.' } },
      { id: 'route', kind: 'route', routed: { en: '{rep} will help you.', pt: '{rep} vai ajudar.' } },
      { id: 'bye', kind: 'end', text: { en: 'Bye.' } },
    ],
  });

  it('asks the application to route once it is reached, and waits there', () => {
    const outcome = advanceConversation(routing, { awaiting: 'email', answers: {} }, message('a@b.co'), 'en');

    expect(outcome).toEqual({ state: { awaiting: 'route', answers: { email: 'a@b.co' } }, replies: [], effects: [{ type: 'route' }] });
  });

  it('names the rep when routed to one and carries on', () => {
    const outcome = advanceConversation(routing, { awaiting: 'route', answers: {} }, { type: 'routed', result: { kind: 'rep', repName: 'Ana' } }, 'pt-BR');

    expect(outcome).toEqual({ state: { awaiting: null, answers: {} }, replies: [{ text: 'Ana vai ajudar.' }, { text: 'Bye.' }], effects: [] });
  });

  it('speaks the nurture message and its offer when not routed to a rep', () => {
    const outcome = advanceConversation(routing, { awaiting: 'route', answers: {} }, { type: 'routed', result: { kind: 'nurture', message: 'Read this.', offer: { title: 'Guide', url: 'https://x.test/g' } } }, 'en');

    expect(outcome.replies).toEqual([{ text: 'Read this.' }, { text: 'Guide: https://x.test/g' }, { text: 'Bye.' }]);
  });

  it('asks to route again when a message arrives while routing is pending', () => {
    expect(advanceConversation(routing, { awaiting: 'route', answers: {} }, message('hello?'), 'en').effects).toEqual([{ type: 'route' }]);
  });
});

describe('Playbook schema', () => {
  it('reports a next step that does not exist and duplicate step ids, with their paths', () => {
    const result = Playbook.safeParse(
      aPlaybook({
        steps: [
          { id: 'a', kind: 'say', text: { en: 'A' }, next: 'nowhere' },
          { id: 'a', kind: 'end', text: { en: 'B' } },
        ],
      }),
    );

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['steps.1.id', 'duplicate step id "a"'],
      ['steps.0.next', 'unknown step "nowhere"'],
    ]);
  });

  it('requires English text as the fallback', () => {
    expect(Playbook.safeParse(aPlaybook({ greeting: { es: 'Hola' } as never })).success).toBe(false);
  });
});
