import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Rep } from '../../core/routing/rep.js';
import type { RepDirectory } from '../../ports/rep-directory.js';

const pk = (siteKey: string) => `SITE#${siteKey}#REPS`;

export class DynamoDbRepDirectory implements RepDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(siteKey: string): Promise<Rep[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk(siteKey) },
      }),
    );
    return Items.map((item) => item.rep as Rep);
  }

  async get(siteKey: string, repId: string): Promise<Rep | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(siteKey), sk: `REP#${repId}` } }),
    );
    return Item ? (Item.rep as Rep) : null;
  }

  async put(siteKey: string, rep: Rep): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: pk(siteKey), sk: `REP#${rep.repId}`, type: 'rep', rep },
      }),
    );
  }

  async putIfAbsent(siteKey: string, rep: Rep): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(siteKey), sk: `REP#${rep.repId}`, type: 'rep', rep },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
