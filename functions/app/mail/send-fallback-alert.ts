import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Dependencies } from '../dependencies.js';

const CONSUMER = 'fallback-alert';

/**
 * Tells the rulebook's alert recipients that routing fell back, from the VisitorRouted event rather
 * than inside the chat turn: the visitor never waits for a mail server or a webhook.
 */
export async function sendFallbackAlert(
  deps: Pick<Dependencies, 'decisions' | 'rulebooks' | 'alerts' | 'sync'>,
  event: DomainEvent,
): Promise<'sent' | 'duplicate' | 'ignored'> {
  if (event.detailType !== 'VisitorRouted' || !event.detail.viaFallback) return 'ignored';
  if (await deps.sync.seen(CONSUMER, event.id)) return 'duplicate';
  const decision = await deps.decisions.get(event.detail.conversationId);
  const rulebook = await deps.rulebooks.getVersion(event.siteKey, event.detail.rulebookVersion);
  if (!decision || !rulebook) return 'ignored';
  await deps.alerts.fallbackUsed(decision, rulebook.alerts);
  await deps.sync.remember(CONSUMER, event.id);
  return 'sent';
}
