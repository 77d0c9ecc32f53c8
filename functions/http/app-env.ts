import type { Logger } from '@aws-lambda-powertools/logger';
import type { Dependencies } from '../app/dependencies.js';
import type { Principal, TokenVerifier } from '../ports/token-verifier.js';

export interface AppEnv {
  Variables: {
    deps: Dependencies;
    requestId: string;
    logger: Logger;
    verifier: TokenVerifier;
    /** Set by authorize on protected routes. */
    principal: Principal;
  };
}
