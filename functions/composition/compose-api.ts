import { createApp } from '../http/create-app.js';
import { everyRoute } from '../http/route-groups/every-route.js';
import { awsDependencies } from './aws-dependencies.js';
import { cognitoVerifierOf } from './cognito-verifier.js';
import { ApiConfig, hostedSignInOf, parseConfig } from './config.js';
import { createLogger } from './create-logger.js';
import { latestFor, servingSecretsOf, visitorSessionsOf } from './serving-secrets.js';

/**
 * The API function: the one Hono app over the AWS adapters, configured from the environment, signing
 * visitor tokens with the secret as Secrets Manager has it now.
 */
export function composeApi(env: NodeJS.ProcessEnv) {
  const config = parseConfig(ApiConfig, env);
  const logger = createLogger(config.LOG_LEVEL);
  const deps = awsDependencies(config, logger);
  const verifier = cognitoVerifierOf(config);
  const routes = everyRoute(hostedSignInOf(config));
  return {
    secrets: servingSecretsOf(config),
    appFor: latestFor((visitorSecret) =>
      createApp({ deps, logger, verifier, visitorSessions: visitorSessionsOf(visitorSecret), routes }),
    ),
  };
}
