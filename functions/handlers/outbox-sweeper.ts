import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/outbox.dynamodb.js';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.eventbridge.js';
import { sweepOutbox } from '../app/events/sweep-outbox.js';
import { z } from 'zod';
import { parseConfig } from '../composition/config.js';
import { createLogger } from '../composition/create-logger.js';

const config = parseConfig(
  z.object({
    BATON_TABLE: z.string().min(3),
    BATON_EVENT_BUS: z.string().min(1),
    BATON_SWEEP_GRACE_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  }),
  process.env,
);
const logger = createLogger('INFO', 'baton-outbox-sweeper');
const deps = {
  outbox: new DynamoDbOutbox(createDocumentClient(), config.BATON_TABLE),
  publisher: new EventBridgePublisher(config.BATON_EVENT_BUS),
  clock: () => new Date(),
  logger,
};

/** Scheduled: events the stream forwarder left pending go to the bus again. */
export const handler = async () => sweepOutbox(deps, { graceMinutes: config.BATON_SWEEP_GRACE_MINUTES });
