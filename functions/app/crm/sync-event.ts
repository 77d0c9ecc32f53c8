import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Dependencies } from '../dependencies.js';
import { applyTarget, targetsFor } from './sync-targets.js';

const CONSUMER = 'crm-sync';

/**
 * The CRM sync consumer: applies a domain event to every configured CRM and the webhook, each with
 * retries; what still fails goes to the dead-letter store with its error, to be replayed. Applying
 * an event twice changes nothing: an event id is applied once, and every CRM write is an upsert.
 */
export async function syncEvent(deps: Dependencies, event: DomainEvent): Promise<'applied' | 'duplicate'> {
  if (await deps.sync.seen(CONSUMER, event.id)) return 'duplicate';
  for (const target of await targetsFor(deps, event)) await applyTarget(deps, event, target, 0);
  await deps.sync.remember(CONSUMER, event.id);
  return 'applied';
}
