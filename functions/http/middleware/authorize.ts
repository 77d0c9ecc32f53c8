import type { MiddlewareHandler } from 'hono';
import { actsOnSite } from '../../app/access/principal-access.js';
import { ALL_SITES, InvalidTokenError, type Principal, type Role } from '../../ports/token-verifier.js';
import type { AppEnv } from '../app-env.js';
import { problemResponse } from '../problem.js';

/** Who may call a route: one of the roles (admins always), and with `site: 'param'` on the path's `siteKey`. */
export interface Access {
  roles: readonly Role[];
  /**
   * 'param': the path's siteKey must be one of the caller's sites; 'none': the use case checks the
   * record's site; 'all': only who acts on every site (admins of the deployment); 'unscoped': the
   * operation reads and writes no site's data (a calculator).
   */
  site: 'param' | 'none' | 'all' | 'unscoped';
}

/** The OpenAPI extension that carries a route's Access, so clients and the authorization-matrix test read it. */
export const ACCESS_EXTENSION = 'x-baton-access';

export type AuthorizeMiddleware = MiddlewareHandler<AppEnv> & { readonly access: Access };

/**
 * Declared with the route (`createRoute({ middleware: [authorize(...)] })`); runs before validation so
 * an unauthenticated caller learns nothing about the shapes. Sets the `principal` variable.
 */
export function authorize(access: Access): AuthorizeMiddleware {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer');
      return problemResponse(c, {
        title: 'Authentication required',
        status: 401,
        detail: 'Send a bearer token in the Authorization header.',
      });
    }
    let principal: Principal;
    try {
      principal = await c.get('verifier').verify(match[1]!);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return problemResponse(c, { title: 'Invalid token', status: 401, detail: error.message });
    }
    if (!principal.roles.some((role) => role === 'admin' || access.roles.includes(role))) {
      return problemResponse(c, {
        title: 'Not allowed',
        status: 403,
        detail: `This needs one of the roles: ${access.roles.join(', ')}.`,
      });
    }
    const covered =
      access.site === 'none' ||
      access.site === 'unscoped' ||
      (access.site === 'all'
        ? principal.sites.includes(ALL_SITES)
        : actsOnSite(principal, c.req.param('siteKey') ?? ''));
    if (!covered) {
      return problemResponse(c, { title: 'Not allowed', status: 403, detail: 'Your token does not cover this site.' });
    }
    c.set('principal', principal);
    await next();
  };
  return Object.assign(middleware, { access });
}

export function isAuthorizeMiddleware(value: unknown): value is AuthorizeMiddleware {
  return typeof value === 'function' && 'access' in value;
}
