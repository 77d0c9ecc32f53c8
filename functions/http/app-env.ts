import type { Logger } from '@aws-lambda-powertools/logger';
import type { Dependencies } from '../app/dependencies.js';
import type { Principal } from '../ports/token-verifier.js';

export interface AppEnv {
  Variables: {
    deps: Dependencies;
    requestId: string;
    logger: Logger;
    /** Set by requireRole on protected routes. */
    principal: Principal;
  };
}
