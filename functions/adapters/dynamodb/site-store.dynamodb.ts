import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Site } from '../../core/conversation/site.js';
import type { SiteStore } from '../../ports/site-store.js';

const siteKeyOf = (siteKey: string) => ({ pk: `SITE#${siteKey}`, sk: 'SITE' });

export class DynamoDbSiteStore implements SiteStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async get(siteKey: string): Promise<Site | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: siteKeyOf(siteKey) }));
    return Item ? Site.parse(Item.site) : null;
  }

  async putIfAbsent(site: Site): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...siteKeyOf(site.siteKey), type: 'site', site },
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
