import { assertNever } from '../assert-never.js';
import { evaluateCondition } from '../routing/condition.js';
import { localize, type LocalizedText, type Playbook, type PlaybookStep } from './playbook.js';
import { matchOption, recognizeIntent } from './understand-text.js';

/** What the engine knows of the visitor's score, kept in the state and refreshed when answers rescore them. */
export interface VisitorSnapshot {
  score: number;
  stage: string;
  qualifies: boolean;
  /** The rep who owns the visitor's account on marketing's list, so a playbook can spare known accounts the questions. */
  accountOwner?: string | null;
}

export interface ConversationState {
  /** The step waiting for the visitor's input, or null once the playbook has ended. */
  awaiting: string | null;
  answers: Record<string, string>;
  visitor?: VisitorSnapshot;
  /** A person has the conversation, or is being asked to take it: visitor messages go to them, not to the playbook. */
  liveChat?: boolean;
}

export type RouteResult =
  | { kind: 'rep'; repName: string; repTitle: string | null; photoUrl: string | null }
  | { kind: 'nurture'; message: string; offer: { title: string; url: string } | null; captureEmail: boolean };

export type ConversationEvent =
  | { type: 'started' }
  | { type: 'visitor-message'; text: string }
  | { type: 'routed'; result: RouteResult }
  /** The answers of this turn rescored the visitor; branches after it read the new score. */
  | { type: 'rescored'; visitor: VisitorSnapshot }
  /** How a talk-now request goes: the texts the visitor sees come from the talk-now step. */
  | { type: 'live-chat'; update: LiveChatUpdate };

export type LiveChatUpdate =
  | { kind: 'requested' }
  | { kind: 'waiting' }
  | { kind: 'joined'; repName: string; repTitle: string | null; photoUrl: string | null }
  | { kind: 'unavailable' }
  | { kind: 'ended'; repName: string };

/** Work the engine asks the application to do; the result comes back as the next event. */
export type Effect = { type: 'route' } | { type: 'talk-now' };

export type ReplyAttachment =
  | { type: 'rep'; name: string; title: string | null; photoUrl: string | null }
  | { type: 'slots' }
  | { type: 'offer'; title: string; url: string }
  /** The conversation is with (or waiting for) a person: the widget listens for their messages. */
  | { type: 'live-chat' };

export interface BotReply {
  text: string;
  /** Buttons the widget shows; sending a label or value answers the question. */
  options?: Array<{ value: string; label: string }>;
  attachment?: ReplyAttachment;
}

type Say = (text: LocalizedText) => BotReply;

export interface TurnOutcome {
  state: ConversationState;
  replies: BotReply[];
  effects: Effect[];
}

// A playbook is validated to reference only known steps, but a loop of say and branch steps would spin forever.
const MAX_STEPS_PER_TURN = 50;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{2,}$/;

/** The conversation engine: (state, event) → (new state, replies, effects). Pure; the caller stores the result and performs the effects. */
export function advanceConversation(
  playbook: Playbook,
  state: ConversationState | null,
  event: ConversationEvent,
  language: string,
): TurnOutcome {
  const say: Say = (text) => ({ text: localize(text, language) });
  const run = (start: PlaybookStep | undefined, from: ConversationState) =>
    runFrom(playbook, start, from, say, language);

  if (event.type === 'started' || state === null) {
    const flowed = run(playbook.steps[0], { awaiting: null, answers: {} });
    return { ...flowed, replies: [say(playbook.greeting), ...flowed.replies] };
  }
  if (event.type === 'rescored') return { state: { ...state, visitor: event.visitor }, replies: [], effects: [] };

  const current = state.awaiting === null ? undefined : playbook.steps.find((step) => step.id === state.awaiting);
  if (current === undefined)
    return {
      state: { ...state, awaiting: null },
      replies: event.type === 'routed' || event.type === 'live-chat' ? [] : [say(playbook.afterEnd)],
      effects: [],
    };

  if (event.type === 'live-chat') {
    if (current.kind !== 'talk-now') return { state, replies: [], effects: [] };
    return liveChatTurn(playbook, current, state, event.update, language, run);
  }

  if (event.type === 'routed') {
    if (current.kind !== 'route') return { state, replies: [], effects: [] };
    const { result } = event;
    const routedReplies: BotReply[] =
      result.kind === 'rep'
        ? [
            {
              text: localize(current.routed, language).replaceAll('{rep}', result.repName),
              attachment: { type: 'rep', name: result.repName, title: result.repTitle, photoUrl: result.photoUrl },
            },
            ...(current.offerSlots ? [{ text: '', attachment: { type: 'slots' } } satisfies BotReply] : []),
          ]
        : [
            {
              text: result.message,
              ...(result.offer
                ? { attachment: { type: 'offer', title: result.offer.title, url: result.offer.url } }
                : {}),
            } satisfies BotReply,
          ];
    const after = run(nextStep(playbook, current), state);
    return { ...after, replies: [...routedReplies, ...after.replies] };
  }

  const text = event.text.trim();
  const answer = (key: string, value: string) =>
    run(nextStep(playbook, current), { ...state, answers: { ...state.answers, [key]: value } });
  switch (current.kind) {
    case 'route':
      return { state, replies: [], effects: [{ type: 'route' }] };
    case 'talk-now':
      return { state, replies: [], effects: [{ type: 'talk-now' }] };
    case 'ask-email':
      if (!EMAIL.test(text)) return { state, replies: [say(current.invalid)], effects: [] };
      return answer(current.answerKey, text.toLowerCase());
    case 'ask-text':
      return answer(current.answerKey, text.slice(0, current.maxLength));
    case 'ask-choice': {
      const chosen = matchOption(current.options, text);
      if (chosen) return answer(current.answerKey, chosen.value);
      const intent = recognizeIntent(text);
      const handler = playbook.intents?.find((candidate) => candidate.intent === intent);
      if (intent !== null && handler !== undefined)
        return run(
          playbook.steps.find((step) => step.id === handler.next),
          { ...state, answers: { ...state.answers, intent } },
        );
      if (current.allowFreeText) return answer(current.answerKey, text.slice(0, 200));
      return { state, replies: [{ ...say(current.invalid), options: optionsOf(current, language) }], effects: [] };
    }
    // These steps never wait for the visitor; a state awaiting one comes from an older playbook.
    case 'say':
    case 'branch':
    case 'end':
      return { state: { ...state, awaiting: null }, replies: [say(playbook.afterEnd)], effects: [] };
    default:
      return assertNever(current, 'playbook step');
  }
}

const optionsOf = (step: Extract<PlaybookStep, { kind: 'ask-choice' }>, language: string) =>
  step.options.map((option) => ({ value: option.value, label: localize(option.label, language) }));

function runFrom(
  playbook: Playbook,
  start: PlaybookStep | undefined,
  state: ConversationState,
  say: Say,
  language: string,
): TurnOutcome {
  const replies: BotReply[] = [];
  let step = start;
  for (let count = 0; step !== undefined && count < MAX_STEPS_PER_TURN; count++) {
    switch (step.kind) {
      case 'say':
        replies.push(say(step.text));
        step = nextStep(playbook, step);
        break;
      case 'branch': {
        const facts = {
          score: state.visitor?.score ?? 0,
          stage: state.visitor?.stage ?? 'visitor',
          qualifies: state.visitor?.qualifies ?? false,
          'account.owner': state.visitor?.accountOwner ?? null,
          answers: state.answers,
        };
        const taken =
          step.branches.find((branch) => evaluateCondition(branch.when, facts).matched)?.next ?? step.otherwise;
        step = playbook.steps.find((candidate) => candidate.id === taken);
        break;
      }
      case 'end':
        replies.push(say(step.text));
        return { state: { ...state, awaiting: null }, replies, effects: [] };
      case 'ask-text':
      case 'ask-email':
        replies.push(say(step.prompt));
        return { state: { ...state, awaiting: step.id }, replies, effects: [] };
      case 'ask-choice':
        replies.push({ ...say(step.prompt), options: optionsOf(step, language) });
        return { state: { ...state, awaiting: step.id }, replies, effects: [] };
      case 'route':
        return { state: { ...state, awaiting: step.id }, replies, effects: [{ type: 'route' }] };
      case 'talk-now':
        return { state: { ...state, awaiting: step.id }, replies, effects: [{ type: 'talk-now' }] };
      default:
        return assertNever(step, 'playbook step');
    }
  }
  return { state: { ...state, awaiting: null }, replies, effects: [] };
}

function liveChatTurn(
  playbook: Playbook,
  step: Extract<PlaybookStep, { kind: 'talk-now' }>,
  state: ConversationState,
  update: LiveChatUpdate,
  language: string,
  run: (start: PlaybookStep | undefined, from: ConversationState) => TurnOutcome,
): TurnOutcome {
  const text = (localized: LocalizedText, repName = '') => localize(localized, language).replaceAll('{rep}', repName);
  const withPerson = (replies: BotReply[]): TurnOutcome => ({
    state: { ...state, liveChat: true },
    replies,
    effects: [],
  });
  const { liveChat: _over, ...back } = state;
  const goOn = (reply: BotReply[]): TurnOutcome => {
    const after = run(nextStep(playbook, step), back);
    return { ...after, replies: [...reply, ...after.replies] };
  };
  switch (update.kind) {
    case 'requested':
      return withPerson([{ text: text(step.connecting), attachment: { type: 'live-chat' } }]);
    case 'waiting':
      return withPerson([{ text: text(step.waiting) }, { text: '', attachment: { type: 'slots' } }]);
    case 'joined':
      return withPerson([
        {
          text: text(step.joined, update.repName),
          attachment: { type: 'rep', name: update.repName, title: update.repTitle, photoUrl: update.photoUrl },
        },
      ]);
    case 'unavailable':
      return goOn([{ text: text(step.unavailable) }, { text: '', attachment: { type: 'slots' } }]);
    case 'ended':
      return goOn([{ text: text(step.ended, update.repName) }]);
    default:
      return assertNever(update, 'live chat update');
  }
}

/** The explicit `next`, or else the step listed after this one. */
function nextStep(playbook: Playbook, step: PlaybookStep): PlaybookStep | undefined {
  if ('next' in step && step.next !== undefined) return playbook.steps.find((candidate) => candidate.id === step.next);
  const index = playbook.steps.indexOf(step);
  return playbook.steps[index + 1];
}
