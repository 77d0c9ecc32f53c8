import { ulid } from 'ulid';
import { JoseTokenVerifier } from '../adapters/auth/token-verifier.jose.js';
import { HmacVisitorSessions } from '../adapters/auth/visitor-sessions.hmac.js';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { createApp } from '../http/create-app.js';
import { everyRoute } from '../http/route-groups/every-route.js';
import { buildDependencies } from './build-dependencies.js';
import { ApiConfig, calendarAppsOf, companyApiOf, hostedSignInOf, parseConfig } from './config.js';
import { createLogger } from './create-logger.js';
import { ApiGatewayConnectionSender } from '../adapters/live-chat/connection-sender.api-gateway.js';

/** The API function: the one Hono app over the AWS adapters, configured from the environment. */
export function composeApi(env: NodeJS.ProcessEnv) {
  const config = parseConfig(ApiConfig, env);
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDocumentClient();
  const deps = buildDependencies({
    db,
    tableName: config.BATON_TABLE,
    logger,
    companyApi: companyApiOf(config),
    enrichmentBudgetMs: config.BATON_ENRICHMENT_BUDGET_MS,
    // Mail is queued in the table and sent by the mail function: no mail server in a visitor's request.
    mailer: new DynamoDbMailQueue(db, config.BATON_TABLE, () => ulid()),
    publicUrl: config.BATON_PUBLIC_URL,
    ...calendarAppsOf(config),
    ...(config.BATON_LIVE_ENDPOINT
      ? { connectionSender: new ApiGatewayConnectionSender(config.BATON_LIVE_ENDPOINT) }
      : {}),
  });
  const verifier = new JoseTokenVerifier({
    kind: 'jwks',
    jwksUrl: `${config.BATON_JWT_ISSUER}/.well-known/jwks.json`,
    issuer: config.BATON_JWT_ISSUER,
    audience: config.BATON_JWT_AUDIENCE,
  });
  const signIn = hostedSignInOf(config);
  const visitorSessions = new HmacVisitorSessions({ secret: new TextEncoder().encode(config.BATON_VISITOR_SECRET) });
  return createApp({ deps, logger, verifier, visitorSessions, routes: everyRoute(signIn) });
}
