import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LiveConnections, LiveSubscription } from '../../ports/live-connections.js';
import { queryAll } from './query-all.js';

const keyOf = (subscription: LiveSubscription) =>
  subscription.kind === 'conversation'
    ? `CONV#${subscription.conversationId}`
    : `REP#${subscription.siteKey}#${subscription.repId}`;
const listenersPk = (key: string) => `LIVESUB#${key}`;
const connectionPk = (connectionId: string) => `LIVECONN#${connectionId}`;

/** A connection is forgotten by DynamoDB's TTL if its disconnect never arrives (a crashed server, a lost network). */
const CONNECTION_TTL_SECONDS = 2 * 60 * 60;

/**
 * Two items per subscription: one under the subscription (who listens to this conversation or inbox)
 * and one under the connection (what to forget when it disconnects).
 */
export class DynamoDbLiveConnections implements LiveConnections {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: () => Date,
  ) {}

  async subscribe(connectionId: string, subscription: LiveSubscription, at: Date): Promise<void> {
    const key = keyOf(subscription);
    const expiresAt = Math.floor(at.getTime() / 1000) + CONNECTION_TTL_SECONDS;
    await this.db.send(
      new BatchWriteCommand({
        RequestItems: {
          [this.tableName]: [
            { PutRequest: { Item: { pk: listenersPk(key), sk: `CONN#${connectionId}`, connectionId, expiresAt } } },
            { PutRequest: { Item: { pk: connectionPk(connectionId), sk: `SUB#${key}`, key, expiresAt } } },
          ],
        },
      }),
    );
  }

  async remove(connectionId: string): Promise<void> {
    const subscriptions = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': connectionPk(connectionId) },
    });
    const deletes = subscriptions.flatMap((item) => [
      { DeleteRequest: { Key: { pk: listenersPk(String(item.key)), sk: `CONN#${connectionId}` } } },
      { DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } },
    ]);
    for (let start = 0; start < deletes.length; start += 25)
      await this.db.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: deletes.slice(start, start + 25) } }),
      );
  }

  async listeners(subscription: LiveSubscription): Promise<string[]> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': listenersPk(keyOf(subscription)) },
    });
    // TTL deletes lazily: expired records are filtered on read.
    return items.filter((item) => Number(item.expiresAt) > now).map((item) => String(item.connectionId));
  }
}
