import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { composeOutboxForwarder } from '../composition/compose-outbox-forwarder.js';
import type { DomainEvent } from '../core/events/domain-event.js';
import { instrumentsOf, observed } from './observed.js';

const { outbox, publisher } = composeOutboxForwarder(process.env);

/**
 * Only Baton's use cases write outboxes, from typed events, so the forwarder checks the envelope and
 * leaves each event's schema to its consumers: a record that is not a list of Baton events fails the
 * batch (retried, then the on-failure queue) and never reaches the bus.
 */
function eventsOf(value: unknown): DomainEvent[] {
  const isEvent = (event: unknown) =>
    typeof event === 'object' &&
    event !== null &&
    (event as DomainEvent).source === 'baton' &&
    typeof (event as DomainEvent).id === 'string' &&
    typeof (event as DomainEvent).time === 'string' &&
    typeof (event as DomainEvent).detailType === 'string';
  if (!Array.isArray(value) || !value.every(isEvent))
    throw new Error('A stream record carries an outbox that is not a list of Baton events.');
  return value as DomainEvent[];
}

/** DynamoDB Streams → EventBridge: the events a committed write carries go to the bus, then leave the item's outbox. */
export const handler = observed(instrumentsOf(), async (stream: DynamoDBStreamEvent): Promise<void> => {
  for (const record of stream.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image?.outboxSk) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    const events = eventsOf(item.outbox ?? []);
    await publisher.publish(events);
    await outbox.markDelivered({
      key: { pk: String(item.pk), sk: String(item.sk) },
      outboxSk: String(item.outboxSk),
      events,
    });
  }
});
