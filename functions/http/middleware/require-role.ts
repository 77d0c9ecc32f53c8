import type { MiddlewareHandler } from 'hono';
import { InvalidTokenError, type Principal, type Role, type TokenVerifier } from '../../ports/token-verifier.js';
import type { AppEnv } from '../app-env.js';
import { problemResponse } from '../problem.js';

/** Lets a request through when it carries a valid bearer token with one of the roles; 401 or 403 problem otherwise. */
export function requireRole(verifier: TokenVerifier, ...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
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
      principal = await verifier.verify(match[1]!);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return problemResponse(c, { title: 'Invalid token', status: 401, detail: error.message });
    }
    if (!principal.roles.some((role) => roles.includes(role) || role === 'admin')) {
      return problemResponse(c, {
        title: 'Not allowed',
        status: 403,
        detail: `This needs one of the roles: ${roles.join(', ')}.`,
      });
    }
    c.set('principal', principal);
    await next();
  };
}
