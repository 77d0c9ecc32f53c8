import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../functions/adapters/dynamodb/ensure-table.js';
import { createLocalClients } from '../../functions/adapters/dynamodb/local-client.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../functions/local/embedded-store.js';

export interface TestStore {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** Every item in the table, for "nothing was stored" assertions. */
  allItems(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** An in-memory embedded store on a free loopback port with the real table definition. */
export async function startTestStore(tableName = 'baton-test'): Promise<TestStore> {
  const store: EmbeddedStore = await startEmbeddedStore();
  const { raw, doc } = createLocalClients(store.endpoint, store.credentials);
  await ensureTable(raw, tableName);
  return {
    raw,
    doc,
    tableName,
    async allItems() {
      const { Items = [] } = await raw.send(new ScanCommand({ TableName: tableName }));
      return Items;
    },
    async close() {
      raw.destroy();
      doc.destroy();
      await store.close();
    },
  };
}
