import type { Logger } from '@aws-lambda-powertools/logger';
import { ulid } from 'ulid';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { ApiGatewayConnectionSender } from '../adapters/live-chat/connection-sender.api-gateway.js';
import { buildDependencies } from './build-dependencies.js';
import { abuseLimitsOf, calendarAppsOf, companyApiOf, type ConfigOf, type VisitorConfig } from './config.js';
import { schedulerTimersOf } from './scheduler-timers.js';
import { tokenCipherOf } from './token-cipher.js';

/** What the API and visitor functions both read: the visitor function's settings are the API's public half. */
type ServingConfig = Omit<
  ConfigOf<typeof VisitorConfig>,
  'LOG_LEVEL' | 'BATON_VISITOR_SECRET_ARN' | 'BATON_EDGE_SECRET_ARN'
>;

/**
 * The dependencies of a function that serves visitors in AWS: the table, enrichment, calendars, mail queued
 * in the table (sent by the mail function, so no mail server in a visitor's request), timers as EventBridge
 * Scheduler schedules, calendar tokens sealed with the stack's token key, and live pushes through API Gateway where the stack has a WebSocket endpoint.
 */
export function awsDependencies(config: ServingConfig, logger: Logger) {
  const db = createDocumentClient();
  return buildDependencies({
    db,
    tableName: config.BATON_TABLE,
    logger,
    companyApi: companyApiOf(config),
    enrichmentBudgetMs: config.BATON_ENRICHMENT_BUDGET_MS,
    mailer: new DynamoDbMailQueue(db, config.BATON_TABLE, () => ulid()),
    publicUrl: config.BATON_PUBLIC_URL,
    limits: abuseLimitsOf(config),
    ...calendarAppsOf(config),
    tokenCipher: tokenCipherOf(config),
    timers: schedulerTimersOf(config),
    ...(config.BATON_LIVE_ENDPOINT
      ? { connectionSender: new ApiGatewayConnectionSender(config.BATON_LIVE_ENDPOINT) }
      : {}),
  });
}
