import { messagesOfTurn, type Conversation, type Message, type Turn } from '../core/conversation/conversation.js';
import { advanceConversation } from '../core/playbooks/advance-conversation.js';
import { affectsScore, answersForProfile } from '../core/visitors/answers-for-profile.js';
import { TurnAlreadyTakenError } from '../ports/conversation-store.js';
import type { Dependencies } from './dependencies.js';
import { mayTakeTurn } from '../core/limits/abuse-limits.js';
import { conflict, notFound } from './errors.js';
import { recordVisitorSignal } from './record-visitor-signal.js';
import { playbookOf } from './playbook-of.js';
import { decideRoute, readRulebookReps } from './route-conversation.js';
import type { Rulebook } from '../core/rulebook/rulebook.js';
import { postLiveVisitorMessage } from './live-chat/post-live-visitor-message.js';
import { requestLiveChat } from './live-chat/request-live-chat.js';
import type { Rep } from '../core/routing/rep.js';
import type { VisitorProfile } from '../core/visitors/visitor-profile.js';
import type { RouteResult } from '../core/playbooks/advance-conversation.js';
import { localize } from '../core/playbooks/playbook.js';
import type { RoutingDecision } from '../core/routing/routing-decision.js';
import type { DomainEvent } from '../core/events/domain-event.js';

async function routeResultOf(
  deps: Dependencies,
  conversation: Conversation,
  decision: RoutingDecision,
  rep: Rep | null,
): Promise<RouteResult> {
  if (decision.outcome.type === 'rep') {
    return {
      kind: 'rep',
      repName: decision.outcome.repName,
      repTitle: rep?.title ?? null,
      photoUrl: rep?.photoUrl ?? null,
    };
  }
  const nurtureId = decision.outcome.nurtureId;
  const rulebook = await deps.rulebooks.getVersion(conversation.siteKey, decision.rulebookVersion);
  const nurture = rulebook?.nurtures.find((candidate) => candidate.id === nurtureId);
  if (!nurture)
    return {
      kind: 'nurture',
      message: 'Thanks! Someone from our team will follow up by email.',
      offer: null,
      captureEmail: true,
    };
  return {
    kind: 'nurture',
    message: localize(nurture.message, conversation.language),
    offer: nurture.offer
      ? { title: localize(nurture.offer.title, conversation.language), url: nurture.offer.url }
      : null,
    captureEmail: nurture.captureEmail,
  };
}

export interface PostMessageInput {
  conversationId: string;
  clientMessageId: string;
  text: string;
}

/** How far back a retried send is recognised; a widget sends one message at a time, so a few turns suffice. */
const RETRY_WINDOW_TURNS = 5;

/**
 * `admit` takes the request's rate limits: sent beside the conversation's read, and a refused request
 * answers their refusal and writes nothing.
 */
export async function postMessage(
  deps: Dependencies,
  input: PostMessageInput,
  admit?: () => Promise<void>,
): Promise<{ conversation: Conversation; messages: Message[]; replayed: boolean }> {
  const reading = deps.conversations.loadRecent(input.conversationId, RETRY_WINDOW_TURNS);
  if (admit) {
    // Left unread when refused: a failed read is not this request's answer then.
    reading.catch(() => undefined);
    await admit();
  }
  const snapshot = await reading;
  if (!snapshot) throw notFound('Unknown conversation', `No conversation has the id "${input.conversationId}".`);
  const { conversation, recentTurns } = snapshot;

  const earlier = recentTurns.find((turn) => turn.clientMessageId === input.clientMessageId);
  if (earlier) return { conversation, messages: messagesOfTurn(earlier), replayed: true };
  // Every turn is stored and read back into the next: a conversation has a length no real chat reaches.
  if (recentTurns[0] && !mayTakeTurn(deps.limits, recentTurns[0].seq))
    throw conflict(
      'Conversation full',
      `This conversation took its ${deps.limits.turnsPerConversation} turns; start a new conversation to go on.`,
    );
  if (recentTurns[0]?.state.liveChat) return postLiveVisitorMessage(deps, conversation.id, input);

  const playbook = await playbookOf(deps, conversation);
  const latest = recentTurns[0];
  const message = { type: 'visitor-message' as const, text: input.text };
  let before = latest?.state ?? null;
  let outcome = advanceConversation(playbook, before, message, conversation.language);
  // The profile as this turn stored it, so routing does not read it again.
  let scored: VisitorProfile | null = null;
  // Answers that rescore the visitor may route this turn (the playbook's branch may read the new score):
  // the reps the rulebook names are read beside the profile, in its call. A turn that does not route
  // wasted a few items of that call, not a call.
  let reps: Promise<Map<string, Rep>> | undefined;
  const readReps = (rulebook: Rulebook) => {
    reps = readRulebookReps(deps, conversation.siteKey, rulebook);
    reps.catch(() => undefined);
  };

  // What the visitor told the bot joins their profile and is scored in the same request, before any routing.
  const changed = Object.fromEntries(
    Object.entries(outcome.state.answers).filter(([key, value]) => latest?.state.answers[key] !== value),
  );
  const answers = answersForProfile(changed);
  if (Object.keys(answers).length > 0) {
    // A visitor the conversation's start made has no profile until a turn stores one of their answers.
    const noProfileYet =
      snapshot.newVisitor && Object.keys(answersForProfile(latest?.state.answers ?? {})).length === 0;
    const apply = async () => {
      // Answers the score does not read are merged with one write; the others rescore the visitor.
      if (
        !affectsScore(answers) &&
        !noProfileYet &&
        (await deps.visitors.mergeAnswers(
          conversation.visitorId,
          answers as Record<string, string>,
          deps.clock().toISOString(),
        ))
      )
        return null;
      return (
        await recordVisitorSignal(deps, {
          siteKey: conversation.siteKey,
          visitorId: conversation.visitorId,
          signal: { type: 'identify', answers },
          rulebookVersion: conversation.rulebookVersion,
          conversationId: conversation.id,
          readAlongside: readReps,
          // Past a merge only when it found no profile.
          noProfileStored: noProfileYet || !affectsScore(answers),
        })
      ).profile;
    };
    const profile = await apply().catch((error: unknown) => {
      // The turn holds the answers; the profile catches up with the next signal.
      deps.logger.warn('chat answers not applied to the visitor profile', {
        conversationId: conversation.id,
        error: (error as Error).message,
      });
      return null;
    });
    scored = profile;
    if (profile?.score) {
      // Branches after these answers read the new score: the pure engine runs the turn again with it.
      const visitor = {
        score: profile.score.total,
        stage: profile.stage,
        qualifies: profile.score.qualifies,
        accountOwner: profile.account?.ownerRepId ?? null,
      };
      before = advanceConversation(playbook, before, { type: 'rescored', visitor }, conversation.language).state;
      outcome = advanceConversation(playbook, before, message, conversation.language);
    }
  }

  // A turn that routes stores the decision and its event in the turn's own write.
  let routed: { decision: RoutingDecision; events: DomainEvent[] } | null = null;
  if (outcome.effects.some((effect) => effect.type === 'route')) {
    const { decision, events, rep } = await decideRoute(deps, conversation, outcome.state.answers, {
      profile: scored,
      ...(reps ? { reps } : {}),
    });
    routed = { decision, events };
    const answered = advanceConversation(
      playbook,
      outcome.state,
      { type: 'routed', result: await routeResultOf(deps, conversation, decision, rep) },
      conversation.language,
    );
    outcome = { ...answered, replies: [...outcome.replies, ...answered.replies] };
  }
  const talkNow = outcome.effects.some((effect) => effect.type === 'talk-now');
  if (talkNow) {
    const update = { type: 'live-chat' as const, update: { kind: 'requested' as const } };
    const requested = advanceConversation(playbook, outcome.state, update, conversation.language);
    outcome = { ...requested, replies: [...outcome.replies, ...requested.replies] };
  }

  const turn: Turn = {
    seq: (latest?.seq ?? -1) + 1,
    at: deps.clock().toISOString(),
    clientMessageId: input.clientMessageId,
    visitorText: input.text,
    replies: outcome.replies,
    state: outcome.state,
  };
  try {
    await deps.conversations.appendTurn(
      conversation.id,
      turn,
      routed?.events ?? [],
      conversation.expiresAt,
      routed?.decision,
    );
  } catch (error) {
    if (error instanceof TurnAlreadyTakenError) {
      throw conflict(
        'Conversation moved on',
        'Another message was stored in this conversation at the same moment; send yours again.',
      );
    }
    throw error;
  }

  // The visitor is told someone is being found before anyone is asked, so the rep's answer always follows it.
  const live = talkNow ? await requestLiveChat(deps, conversation, outcome.state.answers) : [];
  return { conversation, messages: [turn, ...live].flatMap(messagesOfTurn), replayed: false };
}
