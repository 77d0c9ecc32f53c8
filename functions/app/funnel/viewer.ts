import type { Actor } from '../../core/funnel/lead.js';
import type { Role } from '../../ports/token-verifier.js';
import { DomainError } from '../errors.js';

/** The person asking, as the funnel use cases need them. */
export interface Viewer {
  userId: string;
  roles: Role[];
  /** The rep this person is, when they are one. */
  repId: string | null;
}

/** A person whose only role is rep sees and acts on their own leads, conversations and meetings only. */
export const seesOnlyOwn = (viewer: Viewer) => viewer.roles.length > 0 && viewer.roles.every((role) => role === 'rep');

export const actorOf = (viewer: Viewer): Actor => ({ kind: 'person', userId: viewer.userId, repId: viewer.repId });

/** The owner a rep-scoped viewer is limited to, refusing a request for someone else's records. */
export function ownerScope(viewer: Viewer, requestedOwner: string | undefined): string | undefined {
  if (!seesOnlyOwn(viewer)) return requestedOwner;
  if (!viewer.repId) throw new DomainError('forbidden', 'Not a rep', 'Your account is not linked to a rep.');
  if (requestedOwner !== undefined && requestedOwner !== viewer.repId)
    throw new DomainError('forbidden', 'Not your leads', 'A rep sees only their own records.');
  return viewer.repId;
}
