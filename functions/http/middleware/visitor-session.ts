import type { Context, MiddlewareHandler } from 'hono';
import { InvalidVisitorTokenError, type VisitorSession } from '../../ports/visitor-sessions.js';
import type { AppEnv } from '../app-env.js';
import { ProblemError, problemResponse } from '../problem.js';

/** The header a widget sends its visitor token in (an apiKey scheme in the OpenAPI document). */
export const VISITOR_TOKEN_HEADER = 'X-Baton-Visitor-Token';
/** The OpenAPI security scheme of visitor tokens. */
export const VISITOR_SCHEME = 'visitorToken';
/** The OpenAPI extension that says how a public operation treats visitor tokens, for clients and the matrix test. */
export const VISITOR_EXTENSION = 'x-baton-visitor';

export interface VisitorAccess {
  /**
   * 'required': the operation reads or writes what belongs to one visitor; 'optional': a first call
   * without a token is a new visitor, and the answer carries their token.
   */
  token: 'required' | 'optional';
  /** 'param': the path's conversationId must have been started by the token's visitor. */
  conversation?: 'param';
}

export type VisitorSessionMiddleware = MiddlewareHandler<AppEnv> & { readonly visitorAccess: VisitorAccess };

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Declared with each public visitor route; runs before validation and reads nothing from the store
 * (the token and the conversation id are both checked with the server's secret). Sets the `visitor` variable.
 */
export function visitorSession(access: VisitorAccess): VisitorSessionMiddleware {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const token = c.req.header(VISITOR_TOKEN_HEADER);
    if (!token) {
      if (access.token === 'required')
        return problemResponse(c, {
          title: 'Visitor token required',
          status: 401,
          detail: `Send the visitor token from startConversation or postVisitorEvent in the ${VISITOR_TOKEN_HEADER} header.`,
        });
      c.set('visitor', null);
      return next();
    }
    let visitor: VisitorSession;
    try {
      visitor = c.get('visitorSessions').verify(token, c.get('deps').clock());
    } catch (error) {
      if (!(error instanceof InvalidVisitorTokenError)) throw error;
      return problemResponse(c, { title: 'Invalid visitor token', status: 401, detail: error.message });
    }
    const conversationId = access.conversation === 'param' ? c.req.param('conversationId') : undefined;
    // A malformed id is left to validation (400); a well-formed one must be this visitor's.
    if (
      conversationId &&
      ULID.test(conversationId) &&
      !c.get('visitorSessions').ownsConversation(visitor, conversationId)
    )
      return problemResponse(c, {
        title: 'Not your conversation',
        status: 403,
        detail: 'This conversation was started by another visitor or on another site.',
      });
    c.set('visitor', visitor);
    return next();
  };
  return Object.assign(middleware, { visitorAccess: access });
}

export function isVisitorSessionMiddleware(value: unknown): value is VisitorSessionMiddleware {
  return typeof value === 'function' && 'visitorAccess' in value;
}

/**
 * The visitor a request acts for on `siteKey`: the token's, or null (a new visitor) when the request
 * carries no token. A visitor id the client names is never adopted: it must be the token's own.
 */
export function visitorOn(
  c: Context<AppEnv>,
  siteKey: string,
  claimedVisitorId: string | undefined,
): VisitorSession | null {
  const known = c.get('visitor');
  if (known && known.siteKey !== siteKey)
    throw new ProblemError({
      title: 'Not your site',
      status: 403,
      detail: `The visitor token belongs to another site than "${siteKey}".`,
    });
  if (claimedVisitorId && claimedVisitorId !== known?.visitorId)
    throw new ProblemError(
      known
        ? { title: 'Not your visitor', status: 403, detail: 'The visitorId is not the visitor of the token.' }
        : {
            title: 'Visitor token required',
            status: 401,
            detail: `A visitorId is accepted only with that visitor's token in the ${VISITOR_TOKEN_HEADER} header.`,
          },
    );
  return known;
}

/** A fresh token for the visitor: every answer that carries one renews its lifetime. */
export const issueVisitorToken = (c: Context<AppEnv>, visitor: VisitorSession): string =>
  c.get('visitorSessions').issue(visitor, c.get('deps').clock());
