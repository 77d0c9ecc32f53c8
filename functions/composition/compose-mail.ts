import { ulid } from 'ulid';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { SesMailer } from '../adapters/mail/mailer.nodemailer.js';
import { buildDependencies } from './build-dependencies.js';
import { MailConfig, parseConfig } from './config.js';
import { createLogger } from './create-logger.js';

/** The mail function: the only one that sends through SES, from the queue and for fallback alerts. */
export function composeMail(env: NodeJS.ProcessEnv) {
  const config = parseConfig(MailConfig, env);
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
  return { deps, delivery, logger };
}
