import { domainEvent } from '../../core/events/domain-event.js';
import { rescoreVisitor } from '../../core/visitors/rescore-visitor.js';
import { VisitorChangedError } from '../../ports/visitor-store.js';
import type { Dependencies } from '../dependencies.js';
import { scheduleInactivity } from './schedule-inactivity.js';

/**
 * The inactivity timer fired: a visitor idle for the model's "long inactive" days is rescored now, so
 * the penalty is stored and, as LeadScored, reaches the CRM like any other change. A visitor who was
 * active since gets the timer moved to their new idle date instead.
 */
export async function applyInactivity(
  deps: Pick<Dependencies, 'visitors' | 'rulebooks' | 'timers' | 'clock'>,
  siteKey: string,
  visitorId: string,
): Promise<'rescored' | 'unchanged' | 'rearmed'> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [profile, rulebook] = await Promise.all([deps.visitors.get(visitorId), deps.rulebooks.getLive(siteKey)]);
    if (!profile || !rulebook) return 'unchanged';
    const now = deps.clock();
    const idleSince = Date.parse(profile.lastSeenAt);
    if (idleSince + rulebook.scoring.negative.inactive.afterDays * 86_400_000 > now.getTime()) {
      await scheduleInactivity(deps, siteKey, visitorId);
      return 'rearmed';
    }
    const { profile: rescored, events } = rescoreVisitor(
      profile,
      rulebook.scoring,
      rulebook.version,
      now,
      'long inactive',
    );
    if (events.length === 0) return 'unchanged';
    const stored = { ...rescored, version: profile.version + 1 };
    const at = now.toISOString();
    try {
      await deps.visitors.save(
        stored,
        events.flatMap((event) =>
          event.type === 'LeadScored'
            ? [
                domainEvent('LeadScored', `lead-scored:${visitorId}:${stored.version}`, siteKey, at, {
                  visitorId,
                  total: event.total,
                  delta: event.delta,
                  rulebookVersion: event.rulebookVersion,
                }),
              ]
            : [],
        ),
      );
      return 'rescored';
    } catch (error) {
      if (!(error instanceof VisitorChangedError)) throw error;
    }
  }
  return 'unchanged';
}
