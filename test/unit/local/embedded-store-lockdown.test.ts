import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalClients } from '../../../functions/adapters/dynamodb/local-client.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../../functions/local/embedded-store.js';

describe('the embedded store answers only the runtime that started it', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await startEmbeddedStore();
  });
  afterAll(() => store.close());

  it('listens on loopback and answers requests signed with its own credentials', async () => {
    expect(new URL(store.endpoint).hostname).toBe('127.0.0.1');
    const { raw } = createLocalClients(store.endpoint, store.credentials);
    await expect(raw.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    raw.destroy();
  });

  it('refuses requests signed with other credentials, or with the right key id and a wrong secret', async () => {
    for (const credentials of [
      { accessKeyId: 'local', secretAccessKey: 'local' },
      { accessKeyId: store.credentials.accessKeyId, secretAccessKey: 'guessed' },
    ]) {
      const { raw } = createLocalClients(store.endpoint, credentials);
      await expect(raw.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
      raw.destroy();
    }
  });

  it('refuses unsigned requests and browsers, and sends no CORS header', async () => {
    const unsigned = await fetch(store.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    expect(unsigned.status).toBe(403);
    const preflight = await fetch(store.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});
