import { emailDomain } from '../../core/enrichment/normalize.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { RoutingExclusion } from '../../core/visitors/visitor-profile.js';
import { VisitorChangedError } from '../../ports/visitor-store.js';
import type { Dependencies } from '../dependencies.js';

const ATTEMPTS = 3;

/**
 * A lead rejected with an excluding reason (a competitor's employee) is never offered a rep again: the
 * visitor's profile says so, and so do their email and their company's domain, which a new visitor
 * identifying with them meets when the chat looks their account up. Repeating it changes nothing.
 */
export async function excludeFromRouting(
  deps: Pick<Dependencies, 'visitors' | 'accounts'>,
  event: DomainEvent,
): Promise<void> {
  if (event.detailType !== 'LeadRejected' || event.detail.action !== 'exclude') return;
  const exclusion: RoutingExclusion = { reason: event.detail.reason, at: event.time };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const profile = await deps.visitors.get(event.detail.visitorId);
    if (!profile || profile.siteKey !== event.siteKey) return;
    const email = profile.answers.email ?? null;
    const workDomain = email && profile.emailKind === 'work' ? emailDomain(email) : null;
    await deps.accounts.exclude(
      event.siteKey,
      { email, domain: workDomain ?? profile.account?.domain ?? profile.company?.domain ?? null },
      exclusion,
    );
    if (profile.routingExclusion) return;
    try {
      await deps.visitors.save({ ...profile, routingExclusion: exclusion, version: profile.version + 1 });
      return;
    } catch (error) {
      if (!(error instanceof VisitorChangedError) || attempt === ATTEMPTS) throw error;
    }
  }
}
