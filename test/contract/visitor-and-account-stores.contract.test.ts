import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAccountStore } from '../../functions/adapters/dynamodb/account-store.dynamodb.js';
import { DynamoDbEnrichmentCache } from '../../functions/adapters/dynamodb/enrichment-cache.dynamodb.js';
import { DynamoDbVisitorStore } from '../../functions/adapters/dynamodb/visitor-store.dynamodb.js';
import { validateAccountRows } from '../../functions/core/enrichment/account.js';
import { VisitorChangedError } from '../../functions/ports/visitor-store.js';
import { aVisitor } from '../fixtures/visitors.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('visitor, account and cache stores on the embedded DynamoDB store', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.close());

  it('writes a visitor only over the version it read', async () => {
    const visitors = new DynamoDbVisitorStore(store.doc, store.tableName);
    const first = aVisitor({ visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3H7W1', version: 1 });
    await visitors.save(first);
    await visitors.save({ ...first, visits: 2, version: 2 });

    await expect(visitors.save({ ...first, visits: 9, version: 2 })).rejects.toBeInstanceOf(VisitorChangedError);
    await expect(visitors.save({ ...first, version: 1 })).rejects.toBeInstanceOf(VisitorChangedError);
    expect(await visitors.get(first.visitorId)).toEqual({ ...first, visits: 2, version: 2 });
  });

  it('finds accounts by domain and by normalized name, writes more than one batch, and pages', async () => {
    const accounts = new DynamoDbAccountStore(store.doc, store.tableName);
    const rows = Array.from({ length: 60 }, (_, i) => ({
      line: i + 2,
      record: { domain: `company${String(i).padStart(2, '0')}.io`, name: `Company ${i} Inc.` },
    }));
    const { accounts: parsed } = validateAccountRows(rows);

    expect(await accounts.putMany('site-a', parsed)).toBe(60);
    expect(await accounts.findByDomain('site-a', 'company07.io')).toMatchObject({ name: 'Company 7 Inc.' });
    expect(await accounts.findByNormalizedName('site-a', 'company 42')).toMatchObject({ domain: 'company42.io' });
    expect(await accounts.findByNormalizedName('site-a', 'company 4')).toMatchObject({ domain: 'company04.io' });
    expect(await accounts.findByDomain('site-b', 'company07.io')).toBeNull();

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await accounts.list('site-a', { limit: 25, cursor });
      seen.push(...page.accounts.map((a) => a.domain));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('forgets a cached enrichment answer once it has expired, even before TTL deletes it', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const cache = new DynamoDbEnrichmentCache(store.doc, store.tableName, () => new Date(now));
    await cache.put('company-api', 'globex.com', null, 60);

    expect(await cache.get('company-api', 'globex.com')).toEqual({ facts: null });
    now += 61_000;
    expect(await cache.get('company-api', 'globex.com')).toBeNull();
  });
});
