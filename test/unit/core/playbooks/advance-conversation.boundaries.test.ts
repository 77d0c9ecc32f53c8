import { describe, expect, it } from 'vitest';
import { advanceConversation } from '../../../../functions/core/playbooks/advance-conversation.js';
import { localize, type PlaybookStep } from '../../../../functions/core/playbooks/playbook.js';
import { aPlaybook } from '../../../fixtures/builders.js';

const message = (text: string) => ({ type: 'visitor-message' as const, text });
const END: PlaybookStep = { id: 'done', kind: 'end', text: { en: 'Done.' } };
const answerTo = (step: PlaybookStep, text: string) =>
  advanceConversation(aPlaybook({ steps: [step, END] }), { awaiting: step.id, answers: {} }, message(text), 'en');

describe('free-text answers are cut to length', () => {
  const askText = (maxLength: number): PlaybookStep => ({
    id: 'need',
    kind: 'ask-text',
    answerKey: 'need',
    maxLength,
    prompt: { en: 'What do you need?' },
  });

  it.each([
    [4, 'abcd', 'abcd'],
    [4, 'abcde', 'abcd'],
    [4, '  abcde  ', 'abcd'],
    [1, 'xy', 'x'],
  ])('a text step of at most %i characters keeps %j as %j', (maxLength, text, stored) => {
    expect(answerTo(askText(maxLength), text).state.answers).toEqual({ need: stored });
  });

  const freeChoice: PlaybookStep = {
    id: 'size',
    kind: 'ask-choice',
    answerKey: 'size',
    prompt: { en: 'Size?' },
    options: [{ value: 'small', label: { en: 'Small' } }],
    invalid: { en: 'Pick one.' },
    allowFreeText: true,
  };

  it.each([
    [200, 200],
    [201, 200],
    [199, 199],
  ])('a free-text choice of %i characters is kept as %i', (length, kept) => {
    expect(answerTo(freeChoice, 'x'.repeat(length)).state.answers.size).toHaveLength(kept);
  });

  it('trims a free-text choice before matching and storing it', () => {
    expect(answerTo(freeChoice, '  SMALL ').state.answers).toEqual({ size: 'small' });
    expect(answerTo(freeChoice, '  about 70 ').state.answers).toEqual({ size: 'about 70' });
  });
});

describe('email answers', () => {
  const askEmail: PlaybookStep = {
    id: 'email',
    kind: 'ask-email',
    answerKey: 'email',
    prompt: { en: 'Email?' },
    invalid: { en: 'Not an email.' },
  };

  it.each([
    ['  Ana@Globex.COM  ', 'ana@globex.com'],
    ['\tana@globex.com\n', 'ana@globex.com'],
    [`${'a'.repeat(64)}@globex.com`, `${'a'.repeat(64)}@globex.com`],
    ['a@b.co', 'a@b.co'],
  ])('stores %j as %j', (text, stored) => {
    expect(answerTo(askEmail, text)).toEqual({
      state: { awaiting: null, answers: { email: stored } },
      replies: [{ text: 'Done.' }],
      effects: [],
    });
  });

  it.each([
    ['a local part of 65 characters', `${'a'.repeat(65)}@globex.com`],
    ['a one-letter top-level domain', 'a@b.c'],
    ['no @', 'ana.globex.com'],
    ['a space inside', 'ana @globex.com'],
    ['nothing', '   '],
  ])('asks again for %s', (_name, text) => {
    expect(answerTo(askEmail, text)).toEqual({
      state: { awaiting: 'email', answers: {} },
      replies: [{ text: 'Not an email.' }],
      effects: [],
    });
  });
});

describe('the engine around the steps', () => {
  it('speaks the after-end text when the awaited step is gone from the playbook, and stops waiting', () => {
    const outcome = advanceConversation(aPlaybook(), { awaiting: 'removed', answers: { a: '1' } }, message('hi'), 'en');
    expect(outcome).toEqual({
      state: { awaiting: null, answers: { a: '1' } },
      replies: [{ text: 'We have all we need.' }],
      effects: [],
    });
  });

  it('ignores a routing result when no route step is waiting', () => {
    const routed = {
      type: 'routed' as const,
      result: { kind: 'rep' as const, repName: 'Ana', repTitle: null, photoUrl: null },
    };
    const state = { awaiting: 'need', answers: {} };
    expect(advanceConversation(aPlaybook(), state, routed, 'en')).toEqual({ state, replies: [], effects: [] });
    expect(advanceConversation(aPlaybook(), { awaiting: null, answers: {} }, routed, 'en')).toEqual({
      state: { awaiting: null, answers: {} },
      replies: [],
      effects: [],
    });
  });

  it('speaks a nurture message without an offer as plain text', () => {
    const playbook = aPlaybook({ steps: [{ id: 'route', kind: 'route', routed: { en: '{rep}' }, offerSlots: true }] });
    const outcome = advanceConversation(
      playbook,
      { awaiting: 'route', answers: {} },
      { type: 'routed', result: { kind: 'nurture', message: 'Later.', offer: null, captureEmail: false } },
      'en',
    );
    expect(outcome).toEqual({ state: { awaiting: null, answers: {} }, replies: [{ text: 'Later.' }], effects: [] });
  });

  it('names the rep everywhere the routed text says {rep}', () => {
    const playbook = aPlaybook({
      steps: [{ id: 'route', kind: 'route', routed: { en: '{rep}, meet {rep}.' }, offerSlots: false }],
    });
    const outcome = advanceConversation(
      playbook,
      { awaiting: 'route', answers: {} },
      { type: 'routed', result: { kind: 'rep', repName: 'Ana', repTitle: null, photoUrl: null } },
      'en',
    );
    expect(outcome.replies[0]!.text).toBe('Ana, meet Ana.');
  });

  it('runs at most 50 steps in one turn', () => {
    const steps: PlaybookStep[] = Array.from({ length: 60 }, (_, i) => ({
      id: `s${i}`,
      kind: 'say',
      text: { en: `line ${i}` },
    }));
    const outcome = advanceConversation(aPlaybook({ steps }), null, { type: 'started' }, 'en');
    expect(outcome.replies).toHaveLength(1 + 50);
    expect(outcome.replies.at(-1)).toEqual({ text: 'line 49' });
    expect(outcome.state.awaiting).toBeNull();
  });

  it('restarts from the first step when there is no state yet, whatever the event', () => {
    const outcome = advanceConversation(aPlaybook(), null, message('hello'), 'en');
    expect(outcome.replies).toEqual([{ text: 'Hello there.' }, { text: 'What do you need?' }]);
  });
});

describe('localize', () => {
  const text = { en: 'Hello', pt: 'Olá', 'pt-BR': 'Oi' };

  it.each([
    ['pt-BR', 'Oi'],
    ['PT-pt', 'Olá'],
    ['pt', 'Olá'],
    ['de', 'Hello'],
    ['', 'Hello'],
  ])('speaks %j as %j', (language, expected) => {
    expect(localize(text, language)).toBe(expected);
  });
});
