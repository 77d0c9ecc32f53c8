import { createHash } from 'node:crypto';
import type { Dependencies } from '../dependencies.js';

/** One inactivity timer per visitor: scheduling it again moves it. */
export const inactivityTimerId = (visitorId: string) =>
  `inactivity-${createHash('sha256').update(visitorId).digest('hex').slice(0, 40)}`;

/**
 * Arms the visitor's inactivity timer for when the scoring model's "long inactive" would apply,
 * counted from their last activity.
 */
export async function scheduleInactivity(
  deps: Pick<Dependencies, 'visitors' | 'rulebooks' | 'timers'>,
  siteKey: string,
  visitorId: string,
): Promise<void> {
  const [profile, rulebook] = await Promise.all([deps.visitors.get(visitorId), deps.rulebooks.getLive(siteKey)]);
  if (!profile || !rulebook) return;
  const afterDays = rulebook.scoring.negative.inactive.afterDays;
  await deps.timers.schedule({
    id: inactivityTimerId(visitorId),
    siteKey,
    dueAt: new Date(Date.parse(profile.lastSeenAt) + afterDays * 86_400_000).toISOString(),
    kind: 'inactivity',
    payload: { visitorId },
  });
}
