import { appOnFirstRequest } from '../http/route-groups/on-first-request.js';
import { visitorRoutesOnFirstRequest } from '../http/route-groups/visitor-routes-on-first-request.js';
import { InvalidTokenError, type TokenVerifier } from '../ports/token-verifier.js';
import { awsDependencies } from './aws-dependencies.js';
import { parseConfig, VisitorConfig } from './config.js';
import { createLogger } from './create-logger.js';
import { latestFor, servingSecretsOf, visitorSessionsOf } from './serving-secrets.js';

/** Nothing the visitor function serves takes a bearer token (visitors have their own); one that reached it anyway is refused, never trusted. */
const noTokens: TokenVerifier = {
  verify: () => Promise.reject(new InvalidTokenError('This function serves no operation that takes a token.')),
};

/**
 * The visitor function: the same app as the console's and the local server's, with only the public routes
 * mounted, so its bundle carries no console use case, no token verifier and no mail client, and no OpenAPI
 * document (API Gateway sends /openapi.json and /docs to the API function). The app's own module (middleware,
 * error mapper, the OpenAPI extension) is read by the first request, and each public route module, with its
 * schemas, by the first request to one of its paths (`appOnFirstRequest`), not at the cold start.
 */
export function composeVisitor(env: NodeJS.ProcessEnv) {
  const config = parseConfig(VisitorConfig, env);
  const logger = createLogger(config.LOG_LEVEL, 'baton-visitor');
  const deps = awsDependencies(config, logger);
  return {
    secrets: servingSecretsOf(config),
    appFor: latestFor((visitorSecret) => {
      const visitorSessions = visitorSessionsOf(visitorSecret);
      return appOnFirstRequest(visitorRoutesOnFirstRequest, async (routes) => {
        const { createApp } = await import('../http/create-app.js');
        return createApp({ deps, logger, verifier: noTokens, visitorSessions, routes, documents: false });
      });
    }),
  };
}
