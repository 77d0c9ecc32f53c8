import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../core/enrichment/account.js';
import type { RoutingExclusion } from '../../core/visitors/visitor-profile.js';
import type { AccountPage, AccountStore } from '../../ports/account-store.js';

const pk = (siteKey: string) => `SITE#${siteKey}#ACCOUNTS`;
const namePk = (siteKey: string) => `SITE#${siteKey}#ACCOUNT-NAMES`;
const exclusionPk = (siteKey: string) => `SITE#${siteKey}#EXCLUSIONS`;
/** An excluded email is kept as a hash: the key says who is excluded without holding the address. */
const emailSk = (email: string) => `EMAIL#${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
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

  async findForContact(
    siteKey: string,
    keys: { accountDomain: string | null; email: string | null; domain: string | null },
  ): Promise<{ account: Account | null; exclusion: RoutingExclusion | null }> {
    const wanted = [
      keys.accountDomain ? { pk: pk(siteKey), sk: `DOMAIN#${keys.accountDomain}` } : null,
      keys.email ? { pk: exclusionPk(siteKey), sk: emailSk(keys.email) } : null,
      keys.domain ? { pk: exclusionPk(siteKey), sk: `DOMAIN#${keys.domain}` } : null,
    ].filter((key) => key !== null);
    if (wanted.length === 0) return { account: null, exclusion: null };
    let pending: Array<Record<string, unknown>> = wanted;
    const items: Array<Record<string, unknown>> = [];
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new Error('DynamoDB kept the contact lookup unprocessed');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
      const result = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(result.Responses?.[this.tableName] ?? []));
      pending = result.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    const account = items.find((item) => item.type === 'account');
    const exclusion = items.find((item) => item.type === 'routing-exclusion');
    return {
      account: account ? (account.account as Account) : null,
      exclusion: exclusion ? (exclusion.exclusion as RoutingExclusion) : null,
    };
  }

  async exclude(
    siteKey: string,
    keys: { email: string | null; domain: string | null },
    exclusion: RoutingExclusion,
  ): Promise<void> {
    const sks = [keys.email ? emailSk(keys.email) : null, keys.domain ? `DOMAIN#${keys.domain}` : null].filter(
      (sk) => sk !== null,
    );
    if (sks.length === 0) return;
    let requests = sks.map((sk) => ({
      PutRequest: { Item: { pk: exclusionPk(siteKey), sk, type: 'routing-exclusion', exclusion } },
    }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new Error('DynamoDB kept the routing exclusion unprocessed');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
      const result = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
      requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
    }
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
