import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { DeadLetter, SyncStatus, SyncStore } from '../../ports/sync-store.js';

const THIRTY_DAYS = 30 * 86_400;

export class DynamoDbSyncStore implements SyncStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async seen(consumer: string, eventId: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `EVENT#${eventId}`, sk: `CONSUMER#${consumer}` } }),
    );
    return Item !== undefined;
  }

  async remember(consumer: string, eventId: string): Promise<void> {
    // Kept a month: redeliveries come within hours; TTL removes the marker afterwards.
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `EVENT#${eventId}`,
          sk: `CONSUMER#${consumer}`,
          type: 'processed-event',
          expiresAt: Math.floor(this.now() / 1000) + THIRTY_DAYS,
        },
      }),
    );
  }

  async setStatus(status: SyncStatus): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `VISITOR#${status.visitorId}`, sk: `SYNC#${status.target}`, type: 'sync-status', status },
      }),
    );
  }

  async statuses(visitorId: string): Promise<SyncStatus[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sync)',
        ExpressionAttributeValues: { ':pk': `VISITOR#${visitorId}`, ':sync': 'SYNC#' },
      }),
    );
    return Items.map((item) => item.status as SyncStatus);
  }

  async putDeadLetter(letter: DeadLetter): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `SITE#${letter.siteKey}#DEAD-LETTERS`,
          sk: `${letter.target}#${letter.event.id}`,
          type: 'dead-letter',
          letter,
        },
      }),
    );
  }

  async deadLetters(siteKey: string): Promise<DeadLetter[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SITE#${siteKey}#DEAD-LETTERS` },
      }),
    );
    return Items.map((item) => item.letter as DeadLetter);
  }

  async removeDeadLetter(letter: DeadLetter): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: `SITE#${letter.siteKey}#DEAD-LETTERS`, sk: `${letter.target}#${letter.event.id}` },
      }),
    );
  }
}
