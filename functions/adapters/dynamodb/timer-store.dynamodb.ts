import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScheduledTimer, TimerStore } from '../../ports/timers.js';
import { queryAll } from './query-all.js';

const key = (timerId: string) => ({ pk: `TIMER#${timerId}`, sk: 'TIMER' });
/** Every pending timer of the deployment in one index partition, by due time: the local scheduler's agenda. */
const DUE_PK = 'TIMERS#DUE';

/** A pending timer, indexed by when it is due so `due` reads the earliest first. */
const timerItem = (timer: ScheduledTimer) => ({
  ...key(timer.id),
  type: 'timer',
  gsi1pk: DUE_PK,
  gsi1sk: `${timer.dueAt}#${timer.id}`,
  siteKey: timer.siteKey,
  dueAt: timer.dueAt,
  timer,
});

/**
 * Timers as items. Pending ones are listed by due time in gsi1; firing one first moves it out of the
 * agenda with a conditional write on its due time, so a timer moved or canceled meanwhile, or taken
 * by another runner, is not fired.
 */
export class DynamoDbTimers implements TimerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async schedule(timer: ScheduledTimer): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: timerItem(timer),
      }),
    );
  }

  async cancel(timerId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key(timerId) }));
  }

  async due(now: string, limit: number): Promise<ScheduledTimer[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        // '~' sorts after the '#' that separates the due time from the id.
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': DUE_PK, ':now': `${now}~` },
        Limit: limit,
      }),
    );
    return Items.map((item) => item.timer as ScheduledTimer);
  }

  async claim(timer: ScheduledTimer): Promise<boolean> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key(timer.id),
          ConditionExpression: 'gsi1pk = :due AND dueAt = :dueAt',
          ExpressionAttributeValues: { ':due': DUE_PK, ':dueAt': timer.dueAt },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(timer: ScheduledTimer): Promise<void> {
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: timerItem(timer),
          // A timer scheduled again meanwhile keeps its new time.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async pending(siteKey: string): Promise<ScheduledTimer[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: 'siteKey = :site',
      ExpressionAttributeValues: { ':pk': DUE_PK, ':site': siteKey },
    });
    return items.map((item) => item.timer as ScheduledTimer);
  }
}
