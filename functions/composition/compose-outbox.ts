import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/outbox.dynamodb.js';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.eventbridge.js';
import { parseConfig } from './config.js';
import { createLogger } from './create-logger.js';

const OutboxConfig = z.object({ BATON_TABLE: z.string().min(3), BATON_EVENT_BUS: z.string().min(1) });

/** The scheduled sweeper: the forwarder's parts plus a clock and how long an event may stay pending. */
export function composeOutboxSweeper(env: NodeJS.ProcessEnv) {
  const config = parseConfig(
    OutboxConfig.extend({
      BATON_SWEEP_GRACE_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
    }),
    env,
  );
  const deps = {
    outbox: new DynamoDbOutbox(createDocumentClient(), config.BATON_TABLE),
    publisher: new EventBridgePublisher(config.BATON_EVENT_BUS),
    clock: () => new Date(),
    logger: createLogger('INFO', 'baton-outbox-sweeper'),
  };
  return { deps, graceMinutes: config.BATON_SWEEP_GRACE_MINUTES };
}
