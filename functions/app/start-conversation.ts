import { messagesOfTurn, type Conversation, type Message, type Turn } from '../core/conversation/conversation.js';
import { advanceConversation } from '../core/playbooks/advance-conversation.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

export interface StartConversationInput {
  siteKey: string;
  language?: string | undefined;
  visitorId?: string | undefined;
}

export async function startConversation(
  deps: Pick<Dependencies, 'clock' | 'newId' | 'sites' | 'conversations' | 'rulebooks'>,
  input: StartConversationInput,
): Promise<{ conversation: Conversation; messages: Message[] }> {
  const site = await deps.sites.get(input.siteKey);
  if (!site) throw notFound('Unknown site', `No site has the key "${input.siteKey}".`);

  const rulebook = await deps.rulebooks.getLive(site.siteKey);
  if (!rulebook) throw notFound('No rulebook', `The site "${site.siteKey}" has no live rulebook yet.`);

  const at = deps.clock().toISOString();
  const conversation: Conversation = {
    id: deps.newId(),
    siteKey: site.siteKey,
    visitorId: input.visitorId ?? deps.newId(),
    language: input.language ?? site.defaultLanguage,
    playbookId: site.playbook.id,
    startedAt: at,
    rulebookVersion: rulebook.version,
  };
  const outcome = advanceConversation(site.playbook, null, { type: 'started' }, conversation.language);
  const opening: Turn = { seq: 0, at, clientMessageId: null, visitorText: null, replies: outcome.replies, state: outcome.state };
  await deps.conversations.create(conversation, opening);
  return { conversation, messages: messagesOfTurn(opening) };
}
