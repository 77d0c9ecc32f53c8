import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Outbox, PendingEvents } from '../../ports/outbox.js';

const PENDING = 'PENDING';
/** The outbox index's partition key: an item is pending while it has one. */
const OUTBOX_INDEX_KEY = 'outboxPk';
const batchKey = (events: readonly DomainEvent[]) => `${events[0]!.time}#${events[0]!.id}`;

/** Attributes of a new item that carries events: the events and the sparse-index keys that list it as pending. */
export function outboxAttributes(events: readonly DomainEvent[]): Record<string, unknown> {
  return events.length === 0 ? {} : { outbox: events, outboxPk: PENDING, outboxSk: batchKey(events) };
}

/**
 * An UpdateItem fragment that appends events to the item's outbox, keeping events not delivered yet:
 * the state change and its events are one single-item write, so neither exists without the other.
 */
export function appendOutbox(events: readonly DomainEvent[]): {
  set: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
} {
  if (events.length === 0) return { set: [], names: {}, values: {} };
  return {
    set: [
      '#outbox = list_append(if_not_exists(#outbox, :noEvents), :events)',
      '#outboxPk = :pending',
      '#outboxSk = :batch',
    ],
    names: { '#outbox': 'outbox', '#outboxPk': 'outboxPk', '#outboxSk': 'outboxSk' },
    values: { ':noEvents': [], ':events': events, ':pending': PENDING, ':batch': batchKey(events) },
  };
}

type WriteInput = {
  Item?: Record<string, unknown>;
  ExpressionAttributeNames?: Record<string, string>;
  RequestItems?: Record<string, Array<{ PutRequest?: { Item?: Record<string, unknown> } }>>;
  TransactItems?: Array<{ Put?: WriteInput; Update?: WriteInput }>;
};

/**
 * Whether a write puts events into an item's outbox, through `outboxAttributes` or `appendOutbox`: how the
 * local runtime wakes its relay only when there is something to relay (the rate-limit counters, three
 * writes per public request, carry none; a delivered batch's REMOVE names no attribute).
 */
export function writesOutbox(input: unknown): boolean {
  const write = input as WriteInput;
  if (write.Item && OUTBOX_INDEX_KEY in write.Item) return true;
  if (write.ExpressionAttributeNames && Object.values(write.ExpressionAttributeNames).includes(OUTBOX_INDEX_KEY))
    return true;
  if (write.RequestItems)
    for (const requests of Object.values(write.RequestItems))
      if (requests.some((request) => writesOutbox(request.PutRequest ?? {}))) return true;
  return write.TransactItems?.some((item) => writesOutbox(item.Put ?? item.Update ?? {})) ?? false;
}

export class DynamoDbOutbox implements Outbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async pending(limit: number, writtenBefore?: string): Promise<PendingEvents[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'outbox',
        // Batches sort by their first event's time, so "older than" is a key condition.
        KeyConditionExpression: writtenBefore ? 'outboxPk = :pending AND outboxSk < :before' : 'outboxPk = :pending',
        ExpressionAttributeValues: { ':pending': PENDING, ...(writtenBefore ? { ':before': writtenBefore } : {}) },
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      key: { pk: String(item.pk), sk: String(item.sk) },
      outboxSk: String(item.outboxSk),
      events: (item.outbox ?? []) as DomainEvent[],
    }));
  }

  async markDelivered(pending: PendingEvents): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pending.key,
          UpdateExpression: 'REMOVE outbox, outboxPk, outboxSk',
          ConditionExpression: 'outboxSk = :batch',
          ExpressionAttributeValues: { ':batch': pending.outboxSk },
        }),
      );
    } catch (error) {
      // Newer events arrived: the whole outbox goes out again with them; consumers drop what they saw.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
