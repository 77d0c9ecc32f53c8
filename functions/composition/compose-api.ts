import { createApp } from '../http/create-app.js';
import { everyRoute } from '../http/route-groups/every-route.js';
import { awsDependencies, visitorSessionsOf } from './aws-dependencies.js';
import { cognitoVerifierOf } from './cognito-verifier.js';
import { ApiConfig, hostedSignInOf, parseConfig } from './config.js';
import { createLogger } from './create-logger.js';

/** The API function: the one Hono app over the AWS adapters, configured from the environment. */
export function composeApi(env: NodeJS.ProcessEnv) {
  const config = parseConfig(ApiConfig, env);
  const logger = createLogger(config.LOG_LEVEL);
  return createApp({
    deps: awsDependencies(config, logger),
    logger,
    verifier: cognitoVerifierOf(config),
    visitorSessions: visitorSessionsOf(config),
    routes: everyRoute(hostedSignInOf(config)),
  });
}
