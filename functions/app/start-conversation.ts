import { messagesOfTurn, type Conversation, type Message, type Turn } from '../core/conversation/conversation.js';
import { advanceConversation } from '../core/playbooks/advance-conversation.js';
import { choosePlaybook } from '../core/playbooks/choose-playbook.js';
import { domainEvent } from '../core/events/domain-event.js';
import { weighConsent } from '../core/privacy/consent.js';
import { expiryOf, retentionOf } from '../core/privacy/retention.js';
import { localTime } from '../core/routing/routing-facts.js';
import type { Dependencies } from './dependencies.js';
import { DomainError, notFound } from './errors.js';
import { type Requester, requesterHash } from './privacy/requester.js';

export interface StartConversationInput {
  siteKey: string;
  language?: string | undefined;
  /** The visitor of the request's visitor token, or a new visitor's id: never one a client named. */
  visitorId: string;
  /** The visitor id was made for this conversation: nothing of theirs is stored yet. */
  newVisitor?: boolean;
  /** Bound to the visitor (ports/visitor-sessions.ts), so their token opens it and no other. */
  conversationId: string;
  /** Where the chat opens, for the playbook's targeting. */
  context?: { url?: string | undefined; returning?: boolean | undefined } | undefined;
  /** The notice version the visitor accepted; the time of acceptance is the server's. */
  consent?: { version: string } | undefined;
  requester: Requester;
}

export async function startConversation(
  deps: Pick<Dependencies, 'clock' | 'sites' | 'conversations' | 'rulebooks' | 'visitors'>,
  input: StartConversationInput,
): Promise<{ conversation: Conversation; messages: Message[] }> {
  const site = await deps.sites.get(input.siteKey);
  if (!site) throw notFound('Unknown site', `No site has the key "${input.siteKey}".`);
  const rulebook = await deps.rulebooks.getLive(site.siteKey);
  if (!rulebook) throw notFound('No rulebook', `The site "${site.siteKey}" has no live rulebook yet.`);

  const now = deps.clock();
  const at = now.toISOString();
  const language = input.language ?? site.defaultLanguage;
  const consent = weighConsent(site.consent, input.consent, {
    language,
    now,
    requesterHash: requesterHash(input.requester),
  });
  if (consent.refused)
    throw new DomainError(
      'invalid',
      'Consent required',
      `This site records chats only after the visitor accepts notice version ${consent.version}.`,
    );

  // Account-tier targeting needs the visitor's profile; other criteria come from the request and the clock.
  const needsProfile = rulebook.playbooks.some((playbook) => playbook.targeting?.accountTiers);
  const profile = needsProfile ? await deps.visitors.get(input.visitorId) : null;
  const url = input.context?.url ? new URL(input.context.url) : null;
  const team = localTime(now, rulebook.businessHours.timeZone);
  const playbook = choosePlaybook(rulebook.playbooks, site.playbook, {
    path: url?.pathname ?? null,
    utmSource: url?.searchParams.get('utm_source') ?? null,
    returning: input.context?.returning ?? false,
    businessHours:
      rulebook.businessHours.days.includes(team.weekday) &&
      team.hhmm >= rulebook.businessHours.start &&
      team.hhmm < rulebook.businessHours.end,
    accountTier: profile?.account?.tier ?? null,
  });

  const conversation: Conversation = {
    id: input.conversationId,
    siteKey: site.siteKey,
    visitorId: input.visitorId,
    language,
    playbookId: playbook.id,
    startedAt: at,
    rulebookVersion: rulebook.version,
    ...(consent.record ? { consent: consent.record } : {}),
    expiresAt: expiryOf(at, retentionOf(site).conversationDays),
  };
  const outcome = advanceConversation(playbook, null, { type: 'started' }, conversation.language);
  const opening: Turn = {
    seq: 0,
    at,
    clientMessageId: null,
    visitorText: null,
    replies: outcome.replies,
    state: outcome.state,
  };
  await deps.conversations.create(
    conversation,
    opening,
    [
      domainEvent('ConversationStarted', `conversation-started:${conversation.id}`, site.siteKey, at, {
        conversationId: conversation.id,
        visitorId: conversation.visitorId,
        playbookId: playbook.id,
        rulebookVersion: rulebook.version,
      }),
    ],
    { newVisitor: input.newVisitor === true },
  );
  return { conversation, messages: messagesOfTurn(opening) };
}
