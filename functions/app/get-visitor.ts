import { rescoreVisitor } from '../core/visitors/rescore-visitor.js';
import type { VisitorProfile } from '../core/visitors/visitor-profile.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

/** The profile with its score computed now, under the live rulebook: time-based rules such as inactivity apply at reading time. */
export async function getVisitor(
  deps: Pick<Dependencies, 'clock' | 'visitors' | 'rulebooks'>,
  visitorId: string,
): Promise<VisitorProfile> {
  const profile = await deps.visitors.get(visitorId);
  if (!profile) throw notFound('Unknown visitor', `No visitor has the id "${visitorId}".`);
  const rulebook = await deps.rulebooks.getLive(profile.siteKey);
  if (!rulebook) return profile;
  return rescoreVisitor(profile, rulebook.scoring, rulebook.version, deps.clock(), 'read').profile;
}
