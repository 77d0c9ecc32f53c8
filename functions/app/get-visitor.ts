import { rescoreVisitor } from '../core/visitors/rescore-visitor.js';
import type { VisitorProfile } from '../core/visitors/visitor-profile.js';
import type { Principal } from '../ports/token-verifier.js';
import { assertMayRead } from './access/principal-access.js';
import type { Dependencies } from './dependencies.js';
import { notFound } from './errors.js';

/** The reps a visitor belongs to: the owner of their account. */
export const ownerRepIdsOf = (profile: VisitorProfile) => [profile.account?.ownerRepId, profile.company?.ownerRepId];

/** The profile, if the principal may read it: their site, and for a rep one of their own leads. */
export async function readableVisitor(
  deps: Pick<Dependencies, 'visitors'>,
  visitorId: string,
  principal: Principal,
): Promise<VisitorProfile> {
  const profile = await deps.visitors.get(visitorId);
  if (!profile) throw notFound('Unknown visitor', `No visitor has the id "${visitorId}".`);
  assertMayRead(principal, { siteKey: profile.siteKey, ownerRepIds: ownerRepIdsOf(profile) }, 'visitor');
  return profile;
}

/** The profile with its score computed now, under the live rulebook: time-based rules such as inactivity apply at reading time. */
export async function getVisitor(
  deps: Pick<Dependencies, 'clock' | 'visitors' | 'rulebooks'>,
  visitorId: string,
  principal: Principal,
): Promise<VisitorProfile> {
  const profile = await readableVisitor(deps, visitorId, principal);
  const rulebook = await deps.rulebooks.getLive(profile.siteKey);
  if (!rulebook) return profile;
  return rescoreVisitor(profile, rulebook.scoring, rulebook.version, deps.clock(), 'read').profile;
}
