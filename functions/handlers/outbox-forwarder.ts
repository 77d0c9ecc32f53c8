import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/outbox.dynamodb.js';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.eventbridge.js';
import { DomainEvent } from '../core/events/domain-event.js';
import { z } from 'zod';
import { parseConfig } from '../composition/config.js';

const config = parseConfig(
  z.object({ BATON_TABLE: z.string().min(3), BATON_EVENT_BUS: z.string().min(1) }),
  process.env,
);
const outbox = new DynamoDbOutbox(createDocumentClient(), config.BATON_TABLE);
const publisher = new EventBridgePublisher(config.BATON_EVENT_BUS);

/** DynamoDB Streams → EventBridge: the events a committed write carries go to the bus, then leave the item's outbox. */
export const handler = async (stream: DynamoDBStreamEvent): Promise<void> => {
  for (const record of stream.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image?.outboxSk) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    const events = z.array(DomainEvent).parse(item.outbox ?? []);
    await publisher.publish(events);
    await outbox.markDelivered({
      key: { pk: String(item.pk), sk: String(item.sk) },
      outboxSk: String(item.outboxSk),
      events,
    });
  }
};
