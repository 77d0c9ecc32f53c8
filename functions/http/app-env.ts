import type { Logger } from '@aws-lambda-powertools/logger';
import type { Dependencies } from '../app/dependencies.js';

export interface AppEnv {
  Variables: {
    deps: Dependencies;
    requestId: string;
    logger: Logger;
  };
}
