import { BatchWriteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../core/enrichment/account.js';
import type { AccountPage, AccountStore } from '../../ports/account-store.js';

const pk = (siteKey: string) => `SITE#${siteKey}#ACCOUNTS`;
const namePk = (siteKey: string) => `SITE#${siteKey}#ACCOUNT-NAMES`;
const BATCH = 25;
const MAX_ATTEMPTS = 8;

export class DynamoDbAccountStore implements AccountStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putMany(siteKey: string, accounts: readonly Account[]): Promise<number> {
    let written = 0;
    for (let start = 0; start < accounts.length; start += BATCH) {
      let requests = accounts.slice(start, start + BATCH).map((account) => ({
        PutRequest: {
          Item: {
            pk: pk(siteKey),
            sk: `DOMAIN#${account.domain}`,
            gsi1pk: namePk(siteKey),
            gsi1sk: `${account.normalizedName}#${account.domain}`,
            type: 'account',
            account,
          },
        },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === MAX_ATTEMPTS)
          throw new Error(
            `DynamoDB kept ${requests.length} account writes unprocessed; ${written} accounts were written`,
          );
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
        const result = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        const unprocessed = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        written += requests.length - unprocessed.length;
        requests = unprocessed;
      }
    }
    return written;
  }

  async findByDomain(siteKey: string, domain: string): Promise<Account | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(siteKey), sk: `DOMAIN#${domain}` } }),
    );
    return Item ? (Item.account as Account) : null;
  }

  async findByNormalizedName(siteKey: string, normalizedName: string): Promise<Account | null> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :name)',
        ExpressionAttributeValues: { ':pk': namePk(siteKey), ':name': `${normalizedName}#` },
        Limit: 1,
      }),
    );
    return Items[0] ? (Items[0].account as Account) : null;
  }

  async list(siteKey: string, { limit, cursor }: { limit: number; cursor?: string | undefined }): Promise<AccountPage> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk(siteKey) },
        Limit: limit,
        ...(cursor
          ? {
              ExclusiveStartKey: { pk: pk(siteKey), sk: `DOMAIN#${Buffer.from(cursor, 'base64url').toString('utf8')}` },
            }
          : {}),
      }),
    );
    const next = LastEvaluatedKey
      ? Buffer.from(String(LastEvaluatedKey.sk).replace(/^DOMAIN#/, ''), 'utf8').toString('base64url')
      : null;
    return { accounts: Items.map((item) => item.account as Account), nextCursor: next };
  }
}
