import type { Viewer } from '../../app/funnel/viewer.js';
import type { Principal } from '../../ports/token-verifier.js';

/** The funnel use cases' view of the caller: a rep's records are those whose owner is their rep id. */
export const viewerOf = (principal: Principal): Viewer => ({
  userId: principal.userId,
  roles: principal.roles,
  repId: principal.repId,
});
