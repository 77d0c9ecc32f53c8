import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Rulebook } from '../../core/rulebook/rulebook.js';
import type { RulebookStore } from '../../ports/rulebook-store.js';

const liveKey = (siteKey: string) => ({ pk: `SITE#${siteKey}`, sk: 'RULEBOOK#LIVE' });

export class DynamoDbRulebookStore implements RulebookStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getLive(siteKey: string): Promise<Rulebook | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: liveKey(siteKey) }));
    return Item ? Rulebook.parse(Item.rulebook) : null;
  }

  async putLiveIfAbsent(siteKey: string, rulebook: Rulebook): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: { ...liveKey(siteKey), type: 'rulebook', rulebook }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
