import { awsDependencies } from './aws-dependencies.js';
import { cognitoVerifierOf } from './cognito-verifier.js';
import { LiveSocketConfig, parseConfig } from './config.js';
import { createLogger } from './create-logger.js';
import { latestFor, servingSecretsOf, visitorSessionsOf } from './serving-secrets.js';

/** The live-chat WebSocket function's dependencies: the API function's, pushing through its own endpoint. */
export function composeLiveSocket(env: NodeJS.ProcessEnv) {
  const config = parseConfig(LiveSocketConfig, env);
  const logger = createLogger(config.LOG_LEVEL);
  return {
    deps: awsDependencies(config, logger),
    verifier: cognitoVerifierOf(config),
    secrets: servingSecretsOf(config),
    visitorSessionsFor: latestFor(visitorSessionsOf),
  };
}
