import type { EventBridgeEvent } from 'aws-lambda';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { syncEvent } from '../app/crm/sync-event.js';
import { buildCrmTargets } from '../composition/build-crm-targets.js';
import { buildDependencies } from '../composition/build-dependencies.js';
import { AwsConfig, crmOptionsOf, parseConfig } from '../composition/config.js';
import { createLogger } from '../composition/create-logger.js';
import { DomainEvent } from '../core/events/domain-event.js';

const config = parseConfig(AwsConfig, process.env);
const logger = createLogger(config.LOG_LEVEL, 'baton-crm-sync');
const deps = buildDependencies({
  db: createDocumentClient(),
  tableName: config.BATON_TABLE,
  logger,
  mailer: { send: () => Promise.reject(new Error('the CRM-sync function sends no mail')) },
  crm: buildCrmTargets(crmOptionsOf(config)),
});

/** EventBridge → the CRM sync; a throw makes Lambda retry and, in the end, lands the event in the DLQ. */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const parsed = DomainEvent.safeParse(event.detail);
  if (!parsed.success) {
    logger.error('not a Baton domain event; dropped', { id: event.id, issues: parsed.error.issues.slice(0, 3) });
    return;
  }
  await syncEvent(deps, parsed.data);
};
