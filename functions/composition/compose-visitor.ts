import { ulid } from 'ulid';
import { HmacVisitorSessions } from '../adapters/auth/visitor-sessions.hmac.js';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { ApiGatewayConnectionSender } from '../adapters/live-chat/connection-sender.api-gateway.js';
import { createApp } from '../http/create-app.js';
import { visitorRoutes } from '../http/route-groups/visitor-routes.js';
import { InvalidTokenError, type TokenVerifier } from '../ports/token-verifier.js';
import { buildDependencies } from './build-dependencies.js';
import { calendarAppsOf, companyApiOf, parseConfig, VisitorConfig } from './config.js';
import { createLogger } from './create-logger.js';

/** Nothing the visitor function serves takes a bearer token (visitors have their own); one that reached it anyway is refused, never trusted. */
const noTokens: TokenVerifier = {
  verify: () => Promise.reject(new InvalidTokenError('This function serves no operation that takes a token.')),
};

/**
 * The visitor function: the same app as the console's and the local server's, with only the public route
 * group mounted, so its bundle carries no console use case, no token verifier and no mail client.
 */
export function composeVisitor(env: NodeJS.ProcessEnv) {
  const config = parseConfig(VisitorConfig, env);
  const logger = createLogger(config.LOG_LEVEL, 'baton-visitor');
  const db = createDocumentClient();
  const deps = buildDependencies({
    db,
    tableName: config.BATON_TABLE,
    logger,
    companyApi: companyApiOf(config),
    enrichmentBudgetMs: config.BATON_ENRICHMENT_BUDGET_MS,
    // Mail is queued in the table and sent by the mail function.
    mailer: new DynamoDbMailQueue(db, config.BATON_TABLE, () => ulid()),
    publicUrl: config.BATON_PUBLIC_URL,
    ...calendarAppsOf(config),
    ...(config.BATON_LIVE_ENDPOINT
      ? { connectionSender: new ApiGatewayConnectionSender(config.BATON_LIVE_ENDPOINT) }
      : {}),
  });
  const visitorSessions = new HmacVisitorSessions({ secret: new TextEncoder().encode(config.BATON_VISITOR_SECRET) });
  return createApp({ deps, logger, verifier: noTokens, visitorSessions, routes: [visitorRoutes] });
}
