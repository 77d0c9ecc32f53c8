import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/adapters/dynamodb/ensure-table.js';
import { createLocalClients } from '../../functions/adapters/dynamodb/local-client.js';
import { createTableInput } from '../../functions/adapters/dynamodb/table-definition.js';
import { startEmbeddedStore } from '../../functions/local/embedded-store.js';
import { externalStore } from '../support/test-store.js';

describe('ensureTable', () => {
  let store: {
    endpoint: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
    close(): Promise<void>;
  };
  let clients: ReturnType<typeof createLocalClients>;
  beforeAll(async () => {
    const external = externalStore();
    store = external ? { ...external, close: async () => {} } : await startEmbeddedStore();
    clients = createLocalClients(store.endpoint, store.credentials);
  });
  afterAll(async () => {
    clients.raw.destroy();
    await store.close();
  });

  it('says plainly what to do with a table from an older version that lacks an index', async () => {
    const old = createTableInput('older');
    old.GlobalSecondaryIndexes = old.GlobalSecondaryIndexes!.slice(0, 1);
    old.AttributeDefinitions = old.AttributeDefinitions!.filter(
      (attribute) => !attribute.AttributeName!.startsWith('outbox'),
    );
    await clients.raw.send(new CreateTableCommand(old));

    await expect(ensureTable(clients.raw, 'older')).rejects.toThrow('lacks the "outbox" index');
  });

  it('creates the table with every index of the shared definition', async () => {
    await ensureTable(clients.raw, 'fresh');

    const { Table } = await clients.raw.send(new DescribeTableCommand({ TableName: 'fresh' }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(['gsi1', 'outbox']);
  });
});
