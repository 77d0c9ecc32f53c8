import type { Role, SignedInUser } from './session.js';

const ROLES: readonly Role[] = ['marketing', 'sales', 'rep', 'admin'];
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Who a token says the person is. Local tokens carry roles, sites and repId; Cognito ID tokens carry
 * groups named site:<siteKey>:<role> (or a plain role for every site) and the custom:repId attribute.
 */
export function userFromClaims(claims: Record<string, unknown>): SignedInUser {
  const roles = new Set<Role>();
  const sites = new Set<string>();
  const list = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  for (const role of list(claims.roles)) if (isRole(role)) roles.add(role);
  for (const site of list(claims.sites)) sites.add(site);
  for (const group of list(claims['cognito:groups'])) {
    const scoped = /^site:([^:]+):([a-z]+)$/.exec(group);
    if (scoped && isRole(scoped[2]!)) {
      sites.add(scoped[1]!);
      roles.add(scoped[2]);
    } else if (isRole(group)) {
      roles.add(group);
      if (group === 'admin') sites.add('*');
    }
  }
  const repId = claims.repId ?? claims['custom:repId'];
  const name = claims.name ?? claims.email;
  return {
    userId: typeof claims.sub === 'string' ? claims.sub : '',
    name: typeof name === 'string' ? name : null,
    roles: [...roles],
    sites: [...sites],
    repId: typeof repId === 'string' && repId !== '' ? repId : null,
  };
}

/** The claims of a JWT, unverified: the console only reads them for display; the API verifies every call. */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const base64 = payload.replaceAll('-', '+').replaceAll('_', '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
