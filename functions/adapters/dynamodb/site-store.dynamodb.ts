import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Site } from '../../core/conversation/site.js';
import type { SiteStore } from '../../ports/site-store.js';

/**
 * The site schema (with the playbook, conditions and meeting types it holds) is read with the first site
 * this process reads, not when the store is built: the visitor function's cold start builds none of it.
 */
const siteSchema = () => import('../../core/conversation/site.js');

const siteKeyOf = (siteKey: string) => ({ pk: `SITE#${siteKey}`, sk: 'SITE' });

/**
 * Sites are read on every chat turn and change rarely, so each process keeps them for a short time:
 * a changed greeting or playbook reaches every function within `cacheMs`.
 */
export class DynamoDbSiteStore implements SiteStore {
  private readonly cache = new Map<string, { at: number; site: Site | null }>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cacheMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(siteKey: string): Promise<Site | null> {
    const cached = this.cache.get(siteKey);
    if (cached && this.now() - cached.at < this.cacheMs) return cached.site;
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: siteKeyOf(siteKey) }));
    const site = Item ? (await siteSchema()).Site.parse(Item.site) : null;
    // Unknown keys are not remembered, so a site created a moment later is found at once.
    if (site) this.cache.set(siteKey, { at: this.now(), site });
    return site;
  }

  putIfAbsent(site: Site): Promise<boolean> {
    return this.put(site, 'attribute_not_exists(pk)');
  }

  replace(site: Site): Promise<boolean> {
    return this.put(site, 'attribute_exists(pk)');
  }

  private async put(site: Site, condition: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...siteKeyOf(site.siteKey), type: 'site', site },
          ConditionExpression: condition,
        }),
      );
      // This process sees its own change at once; others within cacheMs.
      this.cache.delete(site.siteKey);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
