import { ulid } from 'ulid';
import { JoseTokenVerifier } from '../adapters/auth/token-verifier.jose.js';
import { HmacVisitorSessions } from '../adapters/auth/visitor-sessions.hmac.js';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { ApiGatewayConnectionSender } from '../adapters/live-chat/connection-sender.api-gateway.js';
import { buildDependencies } from './build-dependencies.js';
import { LiveSocketConfig, parseConfig } from './config.js';
import { createLogger } from './create-logger.js';

/** The live-chat WebSocket function's dependencies: the table, the mail queue, pushes through API Gateway. */
export function composeLiveSocket(env: NodeJS.ProcessEnv) {
  const config = parseConfig(LiveSocketConfig, env);
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDocumentClient();
  const deps = buildDependencies({
    db,
    tableName: config.BATON_TABLE,
    logger,
    mailer: new DynamoDbMailQueue(db, config.BATON_TABLE, () => ulid()),
    publicUrl: config.BATON_PUBLIC_URL,
    connectionSender: new ApiGatewayConnectionSender(config.BATON_LIVE_ENDPOINT),
  });
  const verifier = new JoseTokenVerifier({
    kind: 'jwks',
    jwksUrl: `${config.BATON_JWT_ISSUER}/.well-known/jwks.json`,
    issuer: config.BATON_JWT_ISSUER,
    audience: config.BATON_JWT_AUDIENCE,
  });
  const visitorSessions = new HmacVisitorSessions({ secret: new TextEncoder().encode(config.BATON_VISITOR_SECRET) });
  return { deps, verifier, visitorSessions };
}
