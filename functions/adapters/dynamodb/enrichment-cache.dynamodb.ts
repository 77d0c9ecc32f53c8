import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CompanyFacts } from '../../core/visitors/visitor-profile.js';
import type { Clock } from '../../ports/clock.js';
import type { EnrichmentCache } from '../../ports/company-enrichment.js';

const key = (provider: string, domain: string) => ({ pk: `ENRICH#${provider}#${domain}`, sk: 'CACHE' });

export class DynamoDbEnrichmentCache implements EnrichmentCache {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async get(provider: string, domain: string): Promise<{ facts: CompanyFacts | null } | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(provider, domain) }));
    // TTL deletion is lazy (and absent in the embedded store), so an expired entry is treated as missing.
    if (!Item || Number(Item.expiresAt) <= this.clock().getTime() / 1000) return null;
    return { facts: (Item.facts ?? null) as CompanyFacts | null };
  }

  async put(provider: string, domain: string, facts: CompanyFacts | null, ttlSeconds: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(provider, domain),
          type: 'enrichment-cache',
          facts,
          expiresAt: Math.floor(this.clock().getTime() / 1000) + ttlSeconds,
        },
      }),
    );
  }
}
