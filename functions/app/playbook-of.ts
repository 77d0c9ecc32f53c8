import type { Conversation } from '../core/conversation/conversation.js';
import type { Playbook } from '../core/playbooks/playbook.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

/** The playbook a conversation runs: from its pinned rulebook version, else the site's own. */
export async function playbookOf(
  deps: Pick<Dependencies, 'sites' | 'rulebooks'>,
  conversation: Conversation,
): Promise<Playbook> {
  const rulebook = await deps.rulebooks.getVersion(conversation.siteKey, conversation.rulebookVersion);
  const fromRulebook = rulebook?.playbooks.find((playbook) => playbook.id === conversation.playbookId);
  if (fromRulebook) return fromRulebook;
  const site = await deps.sites.get(conversation.siteKey);
  if (!site)
    throw notFound('Unknown site', `The site "${conversation.siteKey}" of this conversation no longer exists.`);
  return site.playbook;
}
