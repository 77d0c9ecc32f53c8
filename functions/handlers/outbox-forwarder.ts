import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { composeOutboxForwarder } from '../composition/compose-outbox.js';
import { DomainEvent } from '../core/events/domain-event.js';

const { outbox, publisher } = composeOutboxForwarder(process.env);

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
