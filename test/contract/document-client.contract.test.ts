import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb/document-client.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('the tuned DocumentClient (createDocumentClient) on the embedded DynamoDB store', () => {
  let store: TestStore;
  let tuned: DynamoDBDocumentClient;
  let plain: DynamoDBDocumentClient;
  beforeAll(async () => {
    store = await startTestStore();
    const config = { endpoint: store.endpoint, region: 'local', credentials: store.credentials };
    tuned = createDocumentClient(config);
    plain = DynamoDBDocumentClient.from(new DynamoDBClient(config), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  });
  afterAll(async () => {
    tuned.destroy();
    plain.destroy();
    await store.close();
  });

  const item = (pk: string) => ({
    pk,
    sk: 'ITEM',
    text: 'héllo',
    count: 7,
    flag: false,
    nothing: null,
    left: undefined,
    list: ['a', 2, { deep: [true] }],
    map: { nested: { value: 1.5 }, empty: {} },
    tags: new Set(['x', 'y']),
  });

  it('writes and reads items exactly as lib-dynamodb does, either way round', async () => {
    await tuned.send(new PutCommand({ TableName: store.tableName, Item: item('DOC#tuned') }));
    await plain.send(new PutCommand({ TableName: store.tableName, Item: item('DOC#plain') }));
    const key = (pk: string) => ({ TableName: store.tableName, Key: { pk, sk: 'ITEM' } });

    const byPlain = await plain.send(new GetCommand(key('DOC#tuned')));
    const byTuned = await tuned.send(new GetCommand(key('DOC#plain')));

    expect(byTuned.Item).toEqual({ ...byPlain.Item, pk: 'DOC#plain' });
    expect(byTuned.Item).toEqual({ ...item('DOC#plain'), left: undefined });
    expect(byTuned.Item).not.toHaveProperty('left');
  });

  it('answers updates, queries and batch reads in the same shapes', async () => {
    const update = () =>
      new UpdateCommand({
        TableName: store.tableName,
        Key: { pk: 'DOC#count', sk: 'ITEM' },
        UpdateExpression: 'ADD #n :one SET #m = :m',
        ExpressionAttributeNames: { '#n': 'n', '#m': 'm' },
        ExpressionAttributeValues: { ':one': 1, ':m': { at: [1, 2] } },
        ReturnValues: 'ALL_NEW',
      });
    const query = () =>
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'DOC#count' },
      });
    const batch = () =>
      new BatchGetCommand({
        RequestItems: { [store.tableName]: { Keys: [{ pk: 'DOC#count', sk: 'ITEM' }] } },
      });

    expect((await tuned.send(update())).Attributes).toEqual({ pk: 'DOC#count', sk: 'ITEM', n: 1, m: { at: [1, 2] } });
    expect((await plain.send(update())).Attributes).toMatchObject({ n: 2 });
    expect((await tuned.send(query())).Items).toEqual((await plain.send(query())).Items);
    expect((await tuned.send(batch())).Responses).toEqual((await plain.send(batch())).Responses);
  });

  it('leaves the command and its input as the caller built them, so a command sent twice sends the same', async () => {
    const input = { TableName: store.tableName, Item: { pk: 'DOC#twice', sk: 'ITEM', n: 1 } };
    const command = new PutCommand(input);

    await tuned.send(command);
    await tuned.send(command);

    expect(command.input).toEqual({ TableName: store.tableName, Item: { pk: 'DOC#twice', sk: 'ITEM', n: 1 } });
    expect(
      (await plain.send(new GetCommand({ TableName: store.tableName, Key: { pk: 'DOC#twice', sk: 'ITEM' } }))).Item,
    ).toEqual({ pk: 'DOC#twice', sk: 'ITEM', n: 1 });
  });

  it('passes a low-level command through unchanged', async () => {
    const answer = await tuned.send(
      new GetItemCommand({ TableName: store.tableName, Key: { pk: { S: 'DOC#twice' }, sk: { S: 'ITEM' } } }) as never,
    );

    expect((answer as { Item?: unknown }).Item).toEqual({ pk: { S: 'DOC#twice' }, sk: { S: 'ITEM' }, n: { N: '1' } });
  });

  it('signs as the SDK does and sends the user agent lib-dynamodb’s own client sends', async () => {
    const config = { endpoint: store.endpoint, region: 'local', credentials: store.credentials };
    const clients = {
      tuned: createDocumentClient(config),
      plain: DynamoDBDocumentClient.from(new DynamoDBClient(config), {
        marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
      }),
    };
    const sent = { tuned: [] as unknown[], plain: [] as unknown[] };
    for (const [name, client] of Object.entries(clients))
      client.middlewareStack.add(
        (next) => async (args) => {
          const { headers } = args.request as { headers: Record<string, string> };
          sent[name as keyof typeof sent].push({
            userAgent: headers['user-agent'],
            amzUserAgent: headers['x-amz-user-agent'],
            signed: /^AWS4-HMAC-SHA256 Credential=[^,]+, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.test(
              headers.authorization ?? '',
            ),
            payloadHash: headers['x-amz-content-sha256'],
          });
          return next(args);
        },
        { step: 'finalizeRequest', name: 'seeHeaders', priority: 'low' },
      );
    const get = () => new GetCommand({ TableName: store.tableName, Key: { pk: 'DOC#twice', sk: 'ITEM' } });

    // The store checks every signature with the credentials it was started with: an answer is a signature it took.
    for (let i = 0; i < 3; i++) expect((await clients.tuned.send(get())).Item).toMatchObject({ n: 1 });
    for (let i = 0; i < 3; i++) await clients.plain.send(get());

    expect(sent.tuned).toEqual(sent.plain);
    expect(sent.tuned[0]).toMatchObject({ userAgent: expect.stringMatching(/ m\/[^ ]*\bd\b/), signed: true });
    clients.tuned.destroy();
    clients.plain.destroy();
  });

  it('runs middleware added after its first calls on every later call, seeing the input as the adapter wrote it', async () => {
    const client = createDocumentClient({ endpoint: store.endpoint, region: 'local', credentials: store.credentials });
    const get = () => new GetCommand({ TableName: store.tableName, Key: { pk: 'DOC#twice', sk: 'ITEM' } });
    await client.send(get());
    const seen: unknown[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        seen.push([context.commandName, args.input]);
        return next(args);
      },
      { step: 'initialize', name: 'seeCommands' },
    );

    await client.send(get());
    await client.send(get());

    expect(seen).toEqual([
      ['GetItemCommand', { TableName: store.tableName, Key: { pk: 'DOC#twice', sk: 'ITEM' } }],
      ['GetItemCommand', { TableName: store.tableName, Key: { pk: 'DOC#twice', sk: 'ITEM' } }],
    ]);
    client.destroy();
  });
});
