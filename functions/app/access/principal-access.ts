import { ALL_SITES, type Principal, type Role } from '../../ports/token-verifier.js';
import { forbidden, notFound } from '../errors.js';

/** Whether the principal acts on this site at all. */
export function actsOnSite(principal: Principal, siteKey: string): boolean {
  return principal.sites.includes(ALL_SITES) || principal.sites.includes(siteKey);
}

/** Whether the principal holds one of the roles (admins hold every role) on this site. */
export function mayActAs(principal: Principal, siteKey: string, roles: readonly Role[]): boolean {
  return actsOnSite(principal, siteKey) && principal.roles.some((role) => role === 'admin' || roles.includes(role));
}

/** A rep and nothing more: they see only records they own. */
export function isOnlyRep(principal: Principal): boolean {
  return !principal.roles.some((role) => role === 'marketing' || role === 'sales' || role === 'admin');
}

/**
 * Refuses a record of another site, or a rep's read of a record another rep owns. Another site's
 * record answers 404, as if it did not exist: its id tells the caller nothing.
 */
export function assertMayRead(
  principal: Principal,
  record: { siteKey: string; ownerRepIds: ReadonlyArray<string | null | undefined> },
  what: string,
): void {
  if (!actsOnSite(principal, record.siteKey)) throw notFound(`Unknown ${what}`, `No ${what} has this id.`);
  if (isOnlyRep(principal) && !(principal.repId && record.ownerRepIds.includes(principal.repId)))
    throw forbidden('Not allowed', `A rep reads only the ${what}s of their own leads.`);
}
