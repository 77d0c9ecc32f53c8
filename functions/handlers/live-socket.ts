import { ulid } from 'ulid';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { JoseTokenVerifier } from '../adapters/auth/token-verifier.jose.js';
import { ApiGatewayConnectionSender } from '../adapters/live-chat/connection-sender.api-gateway.js';
import { handleLiveSocketClose, handleLiveSocketMessage } from '../app/live-chat/live-socket.js';
import { buildDependencies } from '../composition/build-dependencies.js';
import { LiveSocketConfig, parseConfig } from '../composition/config.js';
import { createLogger } from '../composition/create-logger.js';

const config = parseConfig(LiveSocketConfig, process.env);
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

interface WebSocketEvent {
  requestContext: { routeKey: string; connectionId: string };
  body?: string | null;
}

/** API Gateway WebSocket API: $connect, $disconnect and every message, handled as the local endpoint handles them. */
export async function handler(event: WebSocketEvent): Promise<{ statusCode: number }> {
  const { routeKey, connectionId } = event.requestContext;
  if (routeKey === '$disconnect') await handleLiveSocketClose(deps, connectionId);
  else if (routeKey !== '$connect') await handleLiveSocketMessage(deps, verifier, connectionId, event.body ?? '');
  return { statusCode: 200 };
}
