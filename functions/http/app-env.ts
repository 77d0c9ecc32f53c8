import type { Logger } from '@aws-lambda-powertools/logger';
import type { Dependencies } from '../app/dependencies.js';
import type { Principal, TokenVerifier } from '../ports/token-verifier.js';
import type { VisitorSession, VisitorSessions } from '../ports/visitor-sessions.js';

export interface AppEnv {
  Variables: {
    deps: Dependencies;
    requestId: string;
    logger: Logger;
    verifier: TokenVerifier;
    visitorSessions: VisitorSessions;
    /** Set by authorize on protected routes. */
    principal: Principal;
    /** Set by visitorSession on public visitor routes: the token's visitor, or null for a first call. */
    visitor: VisitorSession | null;
    /**
     * Set by rateLimited({ besideFirstRead: true }): takes the request's rate limits. The operation calls it
     * as it sends its first read, so both leave together, and awaits it before anything else.
     */
    admit: () => Promise<void>;
  };
}
