import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RoutingState } from '../../ports/routing-state.js';

/**
 * Every counter is its own item updated with ADD, so concurrent requests never lose or share an
 * increment: tickets for round-robin turns, credits for turns given back, per-rep-per-day load.
 */
export class DynamoDbRoutingState implements RoutingState {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async takeTicket(siteKey: string, poolId: string): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `SITE#${siteKey}#POOL#${poolId}`, sk: 'TICKETS' },
        UpdateExpression: 'ADD #next :one',
        ExpressionAttributeNames: { '#next': 'next' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.next);
  }

  async credits(siteKey: string, poolId: string): Promise<Map<string, number>> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :credit)',
        ExpressionAttributeValues: { ':pk': `SITE#${siteKey}#POOL#${poolId}`, ':credit': 'CREDIT#' },
      }),
    );
    return new Map(
      Items.filter((item) => Number(item.credits) > 0).map((item) => [
        String(item.sk).slice('CREDIT#'.length),
        Number(item.credits),
      ]),
    );
  }

  async useCredit(siteKey: string, poolId: string, repId: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `SITE#${siteKey}#POOL#${poolId}`, sk: `CREDIT#${repId}` },
          UpdateExpression: 'ADD credits :minus',
          ConditionExpression: 'credits > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async creditTurn(siteKey: string, poolId: string, repId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `SITE#${siteKey}#POOL#${poolId}`, sk: `CREDIT#${repId}` },
        UpdateExpression: 'ADD credits :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  async assignedOn(siteKey: string, days: ReadonlyMap<string, string>): Promise<Map<string, number>> {
    const keys = [...days].map(([repId, day]) => ({ pk: `SITE#${siteKey}#LOAD#${day}`, sk: `REP#${repId}` }));
    const counts = new Map<string, number>();
    for (let start = 0; start < keys.length; start += 100) {
      let request: Record<string, unknown>[] | undefined = keys.slice(start, start + 100);
      for (let attempt = 0; request && request.length > 0 && attempt < 8; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
        const result = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: request } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? [])
          counts.set(String(item.sk).slice('REP#'.length), Number(item.count ?? 0));
        request = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return counts;
  }

  async claimAssignment(siteKey: string, repId: string, day: string, cap: number | undefined): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `SITE#${siteKey}#LOAD#${day}`, sk: `REP#${repId}` },
          UpdateExpression: 'ADD #count :one',
          ExpressionAttributeNames: { '#count': 'count' },
          ...(cap === undefined
            ? { ExpressionAttributeValues: { ':one': 1 } }
            : {
                ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
                ExpressionAttributeValues: { ':one': 1, ':cap': cap },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseAssignment(siteKey: string, repId: string, day: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `SITE#${siteKey}#LOAD#${day}`, sk: `REP#${repId}` },
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
