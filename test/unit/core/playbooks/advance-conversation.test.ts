import { describe, expect, it } from 'vitest';
import { advanceConversation } from '../../../../functions/core/playbooks/advance-conversation.js';
import { Playbook } from '../../../../functions/core/playbooks/playbook.js';
import { choosePlaybook } from '../../../../functions/core/playbooks/choose-playbook.js';
import { aPlaybook } from '../../../fixtures/builders.js';

const playbook = aPlaybook();
const message = (text: string) => ({ type: 'visitor-message' as const, text });

describe('advanceConversation', () => {
  it('greets and asks the first question when a conversation starts', () => {
    const outcome = advanceConversation(playbook, null, { type: 'started' }, 'en');

    expect(outcome).toEqual({
      state: { awaiting: 'need', answers: {} },
      replies: [{ text: 'Hello there.' }, { text: 'What do you need?' }],
      effects: [],
    });
  });

  it("speaks the visitor's language, falling back from a regional tag to its base language and then to English", () => {
    expect(advanceConversation(playbook, null, { type: 'started' }, 'es-MX').replies).toEqual([
      { text: 'Hola.' },
      { text: '¿Qué necesitas?' },
    ]);
    expect(advanceConversation(playbook, null, { type: 'started' }, 'de-DE').replies[0]).toEqual({
      text: 'Hello there.',
    });
  });

  it('stores a free-text answer, trimmed and cut to the step maximum, and asks the next question', () => {
    const outcome = advanceConversation(
      playbook,
      { awaiting: 'need', answers: {} },
      message('  routing for our whole sales team  '),
      'en',
    );

    expect(outcome).toEqual({
      state: { awaiting: 'email', answers: { need: 'routing for our whol' } },
      replies: [{ text: 'Your email?' }],
      effects: [],
    });
  });

  it('asks again, keeping the state, when the email is not an email address', () => {
    const state = { awaiting: 'email', answers: { need: 'x' } };

    const outcome = advanceConversation(playbook, state, message('not-an-email'), 'en');

    expect(outcome).toEqual({ state, replies: [{ text: 'That is not an email.' }], effects: [] });
  });

  it('accepts a valid email in lower case and ends with the closing text', () => {
    const outcome = advanceConversation(
      playbook,
      { awaiting: 'email', answers: { need: 'x' } },
      message('Ada@Example.COM'),
      'en',
    );

    expect(outcome).toEqual({
      state: { awaiting: null, answers: { need: 'x', email: 'ada@example.com' } },
      replies: [{ text: 'Thanks!' }],
      effects: [],
    });
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
      { id: 'route', kind: 'route', offerSlots: true, routed: { en: '{rep} will help you.', pt: '{rep} vai ajudar.' } },
      { id: 'bye', kind: 'end', text: { en: 'Bye.' } },
    ],
  });
  const ana = { kind: 'rep' as const, repName: 'Ana', repTitle: 'AE', photoUrl: '/ana.svg' };

  it('asks the application to route once it is reached, and waits there', () => {
    const outcome = advanceConversation(routing, { awaiting: 'email', answers: {} }, message('a@b.co'), 'en');

    expect(outcome).toEqual({
      state: { awaiting: 'route', answers: { email: 'a@b.co' } },
      replies: [],
      effects: [{ type: 'route' }],
    });
  });

  it('introduces the rep with their card, offers their open times and carries on', () => {
    const outcome = advanceConversation(
      routing,
      { awaiting: 'route', answers: {} },
      { type: 'routed', result: ana },
      'pt-BR',
    );

    expect(outcome).toEqual({
      state: { awaiting: null, answers: {} },
      replies: [
        { text: 'Ana vai ajudar.', attachment: { type: 'rep', name: 'Ana', title: 'AE', photoUrl: '/ana.svg' } },
        { text: '', attachment: { type: 'slots' } },
        { text: 'Bye.' },
      ],
      effects: [],
    });
  });

  it('does not offer times when the step says so', () => {
    const quiet = aPlaybook({ steps: [{ id: 'route', kind: 'route', offerSlots: false, routed: { en: '{rep}.' } }] });

    expect(
      advanceConversation(quiet, { awaiting: 'route', answers: {} }, { type: 'routed', result: ana }, 'en').replies,
    ).toEqual([{ text: 'Ana.', attachment: { type: 'rep', name: 'Ana', title: 'AE', photoUrl: '/ana.svg' } }]);
  });

  it('speaks the nurture message with its content offer when not routed to a rep', () => {
    const outcome = advanceConversation(
      routing,
      { awaiting: 'route', answers: {} },
      {
        type: 'routed',
        result: {
          kind: 'nurture',
          message: 'Read this.',
          offer: { title: 'Guide', url: 'https://x.test/g' },
          captureEmail: true,
        },
      },
      'en',
    );

    expect(outcome.replies).toEqual([
      { text: 'Read this.', attachment: { type: 'offer', title: 'Guide', url: 'https://x.test/g' } },
      { text: 'Bye.' },
    ]);
  });

  it('asks to route again when a message arrives while routing is pending', () => {
    expect(advanceConversation(routing, { awaiting: 'route', answers: {} }, message('hello?'), 'en').effects).toEqual([
      { type: 'route' },
    ]);
  });
});

describe('choices and branches', () => {
  const sized = aPlaybook({
    steps: [
      {
        id: 'size',
        kind: 'ask-choice',
        answerKey: 'companySize',
        prompt: { en: 'Size?', es: '¿Tamaño?' },
        options: [
          { value: '1-50', label: { en: 'Small', es: 'Pequeña' } },
          { value: '1001+', label: { en: 'Large', es: 'Grande' } },
        ],
        invalid: { en: 'Pick one.' },
        allowFreeText: false,
      },
      {
        id: 'fork',
        kind: 'branch',
        branches: [
          { when: { field: 'qualifies', op: 'equals', value: true }, next: 'hot' },
          { when: { field: 'answers.companySize', op: 'equals', value: '1-50' }, next: 'small' },
        ],
        otherwise: 'other',
      },
      { id: 'hot', kind: 'end', text: { en: 'Hot lead.' } },
      { id: 'small', kind: 'end', text: { en: 'Small team.' } },
      { id: 'other', kind: 'end', text: { en: 'Other.' } },
    ],
  });

  it('offers the options as buttons in the visitor language', () => {
    const outcome = advanceConversation(sized, null, { type: 'started' }, 'es');

    expect(outcome.replies[1]).toEqual({
      text: '¿Tamaño?',
      options: [
        { value: '1-50', label: 'Pequeña' },
        { value: '1001+', label: 'Grande' },
      ],
    });
  });

  it('takes a label in any language or the value, ignoring case, and stores the value', () => {
    expect(
      advanceConversation(sized, { awaiting: 'size', answers: {} }, message('grande'), 'en').state.answers,
    ).toEqual({ companySize: '1001+' });
    expect(advanceConversation(sized, { awaiting: 'size', answers: {} }, message('1-50'), 'en').state.answers).toEqual({
      companySize: '1-50',
    });
  });

  it('asks again with the buttons when the answer is none of the options', () => {
    const outcome = advanceConversation(sized, { awaiting: 'size', answers: {} }, message('medium-ish'), 'en');

    expect(outcome).toEqual({
      state: { awaiting: 'size', answers: {} },
      replies: [
        {
          text: 'Pick one.',
          options: [
            { value: '1-50', label: 'Small' },
            { value: '1001+', label: 'Large' },
          ],
        },
      ],
      effects: [],
    });
  });

  describe('free text where buttons are offered', () => {
    const triage = aPlaybook({
      intents: [
        { intent: 'person', next: 'email' },
        { intent: 'support', next: 'help' },
      ],
      steps: [
        {
          id: 'need',
          kind: 'ask-choice',
          answerKey: 'need',
          prompt: { en: 'What would help?' },
          options: [
            { value: 'demo', label: { en: 'See a demo' }, intents: ['demo'] },
            { value: 'browsing', label: { en: 'Just looking' }, synonyms: { en: ['browsing'], de: ['umsehen'] } },
          ],
          invalid: { en: 'Pick one.' },
          allowFreeText: true,
        },
        { id: 'email', kind: 'ask-email', prompt: { en: 'Your email?' }, invalid: { en: 'No.' }, answerKey: 'email' },
        { id: 'help', kind: 'end', text: { en: 'Support will help.' } },
      ],
    });
    const typed = (text: string) => advanceConversation(triage, { awaiting: 'need', answers: {} }, message(text), 'en');

    it('chooses the option a synonym or an intent points to, in any language', () => {
      expect(typed('Ich will mich nur umsehen').state.answers).toEqual({ need: 'browsing' });
      expect(typed('could I get a demonstration?').state.answers).toEqual({ need: 'demo' });
    });

    it("follows the playbook's step for an intent no option takes, keeping the intent", () => {
      expect(typed('I want to talk to a human')).toEqual({
        state: { awaiting: 'email', answers: { intent: 'person' } },
        replies: [{ text: 'Your email?' }],
        effects: [],
      });
      expect(typed('Preciso de ajuda').replies).toEqual([{ text: 'Support will help.' }]);
    });

    it('keeps other text as the answer when free text is allowed', () => {
      expect(typed('we resell analytics').state.answers).toEqual({ need: 'we resell analytics' });
    });
  });

  it('keeps free text when the step allows it', () => {
    const free = aPlaybook({
      steps: [
        { ...(sized.steps[0] as object), allowFreeText: true } as never,
        { id: 'end', kind: 'end', text: { en: 'ok' } },
      ],
    });

    expect(
      advanceConversation(free, { awaiting: 'size', answers: {} }, message('about 70 people'), 'en').state.answers,
    ).toEqual({ companySize: 'about 70 people' });
  });

  it('branches on an answer, on the score the visitor has now, and otherwise', () => {
    expect(advanceConversation(sized, { awaiting: 'size', answers: {} }, message('Small'), 'en').replies).toEqual([
      { text: 'Small team.' },
    ]);
    expect(advanceConversation(sized, { awaiting: 'size', answers: {} }, message('Large'), 'en').replies).toEqual([
      { text: 'Other.' },
    ]);

    const rescored = advanceConversation(
      sized,
      { awaiting: 'size', answers: {} },
      { type: 'rescored', visitor: { score: 80, stage: 'mql', qualifies: true } },
      'en',
    );
    expect(rescored).toEqual({
      state: { awaiting: 'size', answers: {}, visitor: { score: 80, stage: 'mql', qualifies: true } },
      replies: [],
      effects: [],
    });
    expect(advanceConversation(sized, rescored.state, message('Large'), 'en').replies).toEqual([{ text: 'Hot lead.' }]);
  });

  it("branches on the owner of the visitor's account, and not when no account is known", () => {
    const known = aPlaybook({
      steps: [
        { id: 'email', kind: 'ask-email', prompt: { en: 'Email?' }, invalid: { en: 'No.' }, answerKey: 'email' },
        {
          id: 'known',
          kind: 'branch',
          branches: [{ when: { field: 'account.owner', op: 'exists' }, next: 'owner' }],
          otherwise: 'ask',
        },
        { id: 'ask', kind: 'end', text: { en: 'Your role?' } },
        { id: 'owner', kind: 'end', text: { en: 'Straight to your owner.' } },
      ],
    });
    const owned = { score: 45, stage: 'lead', qualifies: false, accountOwner: 'rep-ana' };
    const unowned = { ...owned, accountOwner: null };

    expect(
      advanceConversation(known, { awaiting: 'email', answers: {}, visitor: owned }, message('a@globex.com'), 'en')
        .replies,
    ).toEqual([{ text: 'Straight to your owner.' }]);
    expect(
      advanceConversation(known, { awaiting: 'email', answers: {}, visitor: unowned }, message('a@x.com'), 'en')
        .replies,
    ).toEqual([{ text: 'Your role?' }]);
    expect(advanceConversation(known, { awaiting: 'email', answers: {} }, message('a@x.com'), 'en').replies).toEqual([
      { text: 'Your role?' },
    ]);
  });

  it('gives the same outcome for the same state and message (replays are safe to recompute)', () => {
    const state = { awaiting: 'size', answers: {} };
    expect(advanceConversation(sized, state, message('Small'), 'en')).toEqual(
      advanceConversation(sized, state, message('Small'), 'en'),
    );
  });
});

describe('choosePlaybook', () => {
  const base = { path: '/', utmSource: null, returning: false, businessHours: true, accountTier: null };
  const pricing = aPlaybook({ id: 'pricing', targeting: { pathContains: ['/pricing'] } });
  const ads = aPlaybook({ id: 'ads', targeting: { utmSources: ['google'], visitor: 'new' } });
  const vip = aPlaybook({ id: 'vip', targeting: { accountTiers: ['1'], businessHours: true } });
  const fallback = aPlaybook({ id: 'default' });

  it.each([
    [{ path: '/pricing/enterprise' }, 'pricing'],
    [{ utmSource: 'Google' }, 'ads'],
    [{ utmSource: 'google', returning: true }, 'default'],
    [{ accountTier: '1' }, 'vip'],
    [{ accountTier: '1', businessHours: false }, 'default'],
    [{}, 'default'],
  ])('%j → %s', (context, id) => {
    expect(choosePlaybook([pricing, ads, vip], fallback, { ...base, ...context }).id).toBe(id);
  });
});

describe('Playbook schema', () => {
  it('reports a branch to a step that does not exist', () => {
    const result = Playbook.safeParse(
      aPlaybook({
        steps: [{ id: 'b', kind: 'branch', branches: [{ when: { all: [] }, next: 'ghost' }], otherwise: 'b' }],
      }),
    );

    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['steps.0.branches.0.next', 'unknown step "ghost"'],
    ]);
  });

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

  it('reports an intent that leads to a step that does not exist, and an intent it does not know', () => {
    const ghost = Playbook.safeParse(aPlaybook({ intents: [{ intent: 'person', next: 'ghost' }] }));
    const unknown = Playbook.safeParse(aPlaybook({ intents: [{ intent: 'weather' as never, next: 'need' }] }));

    expect(ghost.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['intents.0.next', 'unknown step "ghost"'],
    ]);
    expect(unknown.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['intents.0.intent']);
  });

  it('requires English text as the fallback', () => {
    expect(Playbook.safeParse(aPlaybook({ greeting: { es: 'Hola' } as never })).success).toBe(false);
  });
});
