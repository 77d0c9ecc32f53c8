import { DeleteTableCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { ensureTable } from '../../functions/adapters/dynamodb/ensure-table.js';
import { createLocalClients } from '../../functions/adapters/dynamodb/local-client.js';
import { type StoreCredentials, startEmbeddedStore } from '../../functions/local/embedded-store.js';
import type { ExternalStore } from '../../functions/local/start-local.js';

export interface TestStore {
  /** Where the store listens and what it takes signatures from: for code that builds its own clients (the Lambda handlers). */
  endpoint: string;
  credentials: StoreCredentials;
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  /**
   * Every item in the table, for "nothing was stored" assertions; the abuse limits' counters (`LIMIT#`)
   * are left out: every public request takes them, refused or not, and they hold nothing about anyone.
   */
  allItems(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * With `BATON_DYNAMODB_ENDPOINT` set (`npm run test:dynamodb-local` sets it), the contract and integration
 * tests run against that DynamoDB server (DynamoDB Local) instead of the embedded store. Each call signs
 * with an access key of its own, and DynamoDB Local keeps a separate database per access key, so tests
 * running side by side never see each other's items.
 */
export function externalStore(): ExternalStore | undefined {
  const endpoint = process.env.BATON_DYNAMODB_ENDPOINT;
  if (!endpoint) return undefined;
  return {
    endpoint,
    credentials: {
      accessKeyId: `BATONTEST${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(16).toString('hex'),
    },
  };
}

/** Spread into `startLocal`'s options: the runtime under test uses the external store when one is set. */
export const storeUnderTest = (): { store?: ExternalStore } => {
  const store = externalStore();
  return store ? { store } : {};
};

/** A table with the real definition in an in-memory embedded store on a free loopback port, or on the external store. */
export async function startTestStore(tableName = 'baton-test'): Promise<TestStore> {
  const external = externalStore();
  const store = external ? { ...external, close: async () => {} } : await startEmbeddedStore();
  const { raw, doc } = createLocalClients(store.endpoint, store.credentials);
  await ensureTable(raw, tableName);
  return {
    endpoint: store.endpoint,
    credentials: store.credentials,
    raw,
    doc,
    tableName,
    async allItems() {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, never> | undefined;
      // DynamoDB pages a scan at 1 MB; the embedded store happens to answer in one page.
      do {
        const page = await raw.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
      } while (ExclusiveStartKey);
      return items.filter((item) => !(item.pk as { S?: string } | undefined)?.S?.startsWith('LIMIT#'));
    },
    async close() {
      // DynamoDB Local keeps what it was given until it stops: drop the table so a long run stays small.
      if (external) await raw.send(new DeleteTableCommand({ TableName: tableName }));
      raw.destroy();
      doc.destroy();
      await store.close();
    },
  };
}
