import { localize, type LocalizedText, type Playbook, type PlaybookStep } from './playbook.js';

export interface ConversationState {
  /** The step waiting for the visitor's input, or null once the playbook has ended. */
  awaiting: string | null;
  answers: Record<string, string>;
}

export type RouteResult = { kind: 'rep'; repName: string } | { kind: 'nurture'; message: string; offer: { title: string; url: string } | null };

export type ConversationEvent = { type: 'started' } | { type: 'visitor-message'; text: string } | { type: 'routed'; result: RouteResult };

/** Work the engine asks the application to do; the result comes back as the next event. */
export type Effect = { type: 'route' };

export interface BotReply {
  text: string;
}

type Say = (text: LocalizedText) => BotReply;

export interface TurnOutcome {
  state: ConversationState;
  replies: BotReply[];
  effects: Effect[];
}

// A playbook is validated to reference only known steps, but a loop of `say` steps would spin forever.
const MAX_STEPS_PER_TURN = 50;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{2,}$/;

/** The conversation engine: (state, event) → (new state, replies). Pure; the caller stores the result. */
export function advanceConversation(
  playbook: Playbook,
  state: ConversationState | null,
  event: ConversationEvent,
  language: string,
): TurnOutcome {
  const say: Say = (text) => ({ text: localize(text, language) });

  if (event.type === 'started' || state === null) {
    const replies = [say(playbook.greeting)];
    const first = playbook.steps[0];
    const flowed = first ? runFrom(playbook, first, { awaiting: null, answers: {} }, say) : { state: { awaiting: null, answers: {} }, replies: [], effects: [] };
    return { ...flowed, replies: [...replies, ...flowed.replies] };
  }

  const current = state.awaiting === null ? undefined : playbook.steps.find((step) => step.id === state.awaiting);
  if (current === undefined) return { state: { ...state, awaiting: null }, replies: [say(playbook.afterEnd)], effects: [] };

  if (event.type === 'routed') {
    if (current.kind !== 'route') return { state, replies: [], effects: [] };
    const { result } = event;
    const routedReplies =
      result.kind === 'rep'
        ? [{ text: localize(current.routed, language).replaceAll('{rep}', result.repName) }]
        : [{ text: result.message }, ...(result.offer ? [{ text: `${result.offer.title}: ${result.offer.url}` }] : [])];
    const after = continueAfter(playbook, current, state, say);
    return { ...after, replies: [...routedReplies, ...after.replies] };
  }

  const text = event.text.trim();
  if (current.kind === 'route') return { state, replies: [], effects: [{ type: 'route' }] };
  if (current.kind === 'ask-email') {
    if (!EMAIL.test(text)) return { state, replies: [say(current.invalid)], effects: [] };
    return continueAfter(playbook, current, { ...state, answers: { ...state.answers, [current.answerKey]: text.toLowerCase() } }, say);
  }
  if (current.kind === 'ask-text') {
    return continueAfter(playbook, current, { ...state, answers: { ...state.answers, [current.answerKey]: text.slice(0, current.maxLength) } }, say);
  }
  return { state: { ...state, awaiting: null }, replies: [say(playbook.afterEnd)], effects: [] };
}

function continueAfter(playbook: Playbook, step: PlaybookStep, state: ConversationState, say: Say): TurnOutcome {
  const next = nextStep(playbook, step);
  if (next === undefined) return { state: { ...state, awaiting: null }, replies: [], effects: [] };
  return runFrom(playbook, next, state, say);
}

function runFrom(playbook: Playbook, start: PlaybookStep, state: ConversationState, say: Say): TurnOutcome {
  const replies: BotReply[] = [];
  let step: PlaybookStep | undefined = start;
  for (let count = 0; step !== undefined && count < MAX_STEPS_PER_TURN; count++) {
    switch (step.kind) {
      case 'say':
        replies.push(say(step.text));
        step = nextStep(playbook, step);
        break;
      case 'end':
        replies.push(say(step.text));
        return { state: { ...state, awaiting: null }, replies, effects: [] };
      case 'ask-text':
      case 'ask-email':
        replies.push(say(step.prompt));
        return { state: { ...state, awaiting: step.id }, replies, effects: [] };
      case 'route':
        return { state: { ...state, awaiting: step.id }, replies, effects: [{ type: 'route' }] };
    }
  }
  return { state: { ...state, awaiting: null }, replies, effects: [] };
}

/** The explicit `next`, or else the step listed after this one. */
function nextStep(playbook: Playbook, step: PlaybookStep): PlaybookStep | undefined {
  if ('next' in step && step.next !== undefined) return playbook.steps.find((candidate) => candidate.id === step.next);
  const index = playbook.steps.indexOf(step);
  return playbook.steps[index + 1];
}
