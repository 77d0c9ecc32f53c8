import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CounterTake } from '../../core/limits/abuse-limits.js';
import type { LimitCounters } from '../../ports/limit-counters.js';

/** Kept an hour past the window's end: DynamoDB's TTL then deletes it (lazily; a later window never reads it). */
const KEEP_AFTER_END_SECONDS = 3600;

const keyOf = (counter: CounterTake) => ({ pk: `LIMIT#${counter.subject}`, sk: `WINDOW#${counter.window.id}` });

/**
 * One item per subject and window, counted with a conditional ADD: of concurrent requests in every
 * Lambda instance exactly `limit` get through, and a refused one changes nothing.
 */
export class DynamoDbLimitCounters implements LimitCounters {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(counters: readonly CounterTake[]): Promise<CounterTake[]> {
    const taken = await Promise.all(counters.map((counter) => this.takeOne(counter)));
    return counters.filter((_, index) => !taken[index]);
  }

  async giveBack(counters: readonly CounterTake[]): Promise<void> {
    await Promise.all(
      counters.map((counter) =>
        this.db
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: keyOf(counter),
              UpdateExpression: 'ADD #count :minus',
              ConditionExpression: '#count > :zero',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
            }),
          )
          .catch((error: unknown) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }),
      ),
    );
  }

  private async takeOne(counter: CounterTake): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(counter),
          UpdateExpression: 'ADD #count :one SET #expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': counter.limit,
            ':expiresAt': Math.floor(counter.window.end.getTime() / 1000) + KEEP_AFTER_END_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
