import type { EventBridgeEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { SesMailer } from '../adapters/mail/mailer.nodemailer.js';
import { deliverQueuedMail } from '../app/mail/deliver-queued-mail.js';
import { sendFallbackAlert } from '../app/mail/send-fallback-alert.js';
import { buildDependencies } from '../composition/build-dependencies.js';
import { MailConfig, parseConfig } from '../composition/config.js';
import { createLogger } from '../composition/create-logger.js';
import { DomainEvent } from '../core/events/domain-event.js';

const config = parseConfig(MailConfig, process.env);
const logger = createLogger(config.LOG_LEVEL, 'baton-mail');
const db = createDocumentClient();
const ses = new SesMailer();
const deps = buildDependencies({
  db,
  tableName: config.BATON_TABLE,
  logger,
  mailer: ses,
  mailFrom: config.BATON_MAIL_FROM,
  publicUrl: config.BATON_PUBLIC_URL,
});
const delivery = { mailQueue: new DynamoDbMailQueue(db, config.BATON_TABLE, () => ulid()), mailer: ses, logger };

/**
 * EventBridge → the only function that sends mail: queued mail (invitations, notices) and fallback
 * alerts. A throw makes Lambda retry the event; after the last retry it waits in the on-failure queue.
 */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const parsed = DomainEvent.safeParse(event.detail);
  if (!parsed.success) {
    logger.error('not a Baton domain event; dropped', { id: event.id, issues: parsed.error.issues.slice(0, 3) });
    return;
  }
  await deliverQueuedMail(delivery, parsed.data);
  await sendFallbackAlert(deps, parsed.data);
};
