import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../../functions/adapters/dynamodb/ensure-table.js';
import { createLocalClients } from '../../../functions/adapters/dynamodb/local-client.js';
import { startEmbeddedStore, type EmbeddedStore } from '../../../functions/local/embedded-store.js';

const TABLE = 'protocol-test';

/** A counter as the abuse limits keep one: the same expressions, names and values on every call. */
const countUpTo = (pk: string, limit: number) =>
  new UpdateItemCommand({
    TableName: TABLE,
    Key: { pk: { S: pk }, sk: { S: 'WINDOW' } },
    UpdateExpression: 'ADD #count :one',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':one': { N: '1' }, ':limit': { N: String(limit) } },
    ReturnValues: 'UPDATED_NEW',
  });

// The store reads in memory and LevelDB on disk differently (both synchronously, writes asynchronously).
describe.each([
  ['in memory', false],
  ['in a folder', true],
])("the embedded store's thread answers this process's clients as DynamoDB would, kept %s", (_, inFolder) => {
  let store: EmbeddedStore;
  let raw: DynamoDBClient;
  let folder: string | undefined;
  beforeAll(async () => {
    folder = inFolder ? mkdtempSync(join(tmpdir(), 'baton-store-protocol-')) : undefined;
    store = await startEmbeddedStore({ path: folder });
    raw = createLocalClients(store.endpoint, store.credentials, store.requestHandler).raw;
    await ensureTable(raw, TABLE);
  });
  afterAll(async () => {
    raw.destroy();
    await store.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('checks a condition against the item each time, however often the same expression comes', async () => {
    await expect(raw.send(countUpTo('counter-a', 2))).resolves.toMatchObject({ Attributes: { count: { N: '1' } } });
    await expect(raw.send(countUpTo('counter-a', 2))).resolves.toMatchObject({ Attributes: { count: { N: '2' } } });
    await expect(raw.send(countUpTo('counter-a', 2))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(raw.send(countUpTo('counter-b', 2))).resolves.toMatchObject({ Attributes: { count: { N: '1' } } });
  });

  it('refuses an invalid expression every time it is sent, and the same expression with values that fit', async () => {
    const adding = (value: { N: string } | { S: string }) =>
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: 'typed' }, sk: { S: 'ITEM' } },
        UpdateExpression: 'ADD #count :value',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':value': value },
      });
    for (let attempt = 0; attempt < 2; attempt++)
      await expect(raw.send(adding({ S: 'one' }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining('Incorrect operand type for operator or function; operator: ADD'),
      });
    await expect(raw.send(adding({ N: '1' }))).resolves.toBeDefined();
    await expect(raw.send(adding({ N: '1' }))).resolves.toBeDefined();
    const { Item } = await raw.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'typed' }, sk: { S: 'ITEM' } }, ConsistentRead: true }),
    );
    expect(Item?.count).toEqual({ N: '2' });
  });

  it('applies the same expression with each request its own values, and checks each value as it comes', async () => {
    const key = { pk: { S: 'valued' }, sk: { S: 'ITEM' } };
    const setting = (text: AttributeValue, limit: string) =>
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'SET #text = :text ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#text': 'text', '#count': 'count' },
        ExpressionAttributeValues: { ':text': text, ':one': { N: '1' }, ':limit': { N: limit } },
        ReturnValues: 'ALL_NEW',
      });
    await expect(raw.send(setting({ S: 'first' }, '1'))).resolves.toMatchObject({
      Attributes: { text: { S: 'first' }, count: { N: '1' } },
    });
    await expect(raw.send(setting({ S: 'second' }, '1'))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(raw.send(setting({ S: 'x'.repeat(5000) }, '3'))).resolves.toMatchObject({
      Attributes: { text: { S: 'x'.repeat(5000) }, count: { N: '2' } },
    });
    await expect(raw.send(setting({ N: '4' }, '3'))).resolves.toMatchObject({ Attributes: { text: { N: '4' } } });
    await expect(raw.send(setting({ S: 'fourth' }, 'three'))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('ExpressionAttributeValues contains invalid value'),
    });
    const adding = (value: AttributeValue) =>
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'ADD #count :value',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':value': value },
      });
    await raw.send(adding({ N: '10' }));
    await expect(raw.send(adding({ S: 'ten' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Incorrect operand type for operator or function; operator: ADD'),
    });
    const between = (low: string, high: string) =>
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
        ExpressionAttributeValues: { ':pk': key.pk, ':low': { S: low }, ':high': { S: high } },
      });
    await expect(raw.send(between('A', 'Z'))).resolves.toMatchObject({ Count: 1 });
    await expect(raw.send(between('Z', 'A'))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('The BETWEEN operator requires upper bound to be greater than or equal'),
    });
    const { Item } = await raw.send(new GetItemCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
    expect(Item).toEqual({ ...key, text: { N: '4' }, count: { N: '13' } });
  });

  it('answers each of many requests sent at once with its own answer', async () => {
    const keys = Array.from({ length: 40 }, (_, n) => `many-${n}`);
    await Promise.all(
      keys.map((pk, n) =>
        raw.send(
          new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, sk: { S: 'ITEM' }, n: { N: String(n) } } }),
        ),
      ),
    );
    const read = await Promise.all(
      keys.map((pk) => raw.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: pk }, sk: { S: 'ITEM' } } }))),
    );
    expect(read.map(({ Item }) => Item?.n?.N)).toEqual(keys.map((_, n) => String(n)));
  });

  it("sends DynamoDB's answer headers: a request id of its own and the body's checksum", async () => {
    const answers = await Promise.all(
      [0, 1].map(() =>
        store.requestHandler.handle({
          method: 'POST',
          path: '/',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.ListTables',
            'x-amz-date': '20261126T000000Z',
            authorization:
              'AWS4-HMAC-SHA256 Credential=a/20261126/local/dynamodb/aws4_request, SignedHeaders=host, Signature=b',
          },
          body: new TextEncoder().encode('{}'),
        }),
      ),
    );
    for (const { response } of answers) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/);
      expect(response.headers['x-amz-crc32']).toBe(String(crc32(response.body)));
      expect(JSON.parse(Buffer.from(response.body).toString())).toEqual({ TableNames: [TABLE] });
    }
    expect(answers[0]!.response.headers['x-amzn-requestid']).not.toBe(answers[1]!.response.headers['x-amzn-requestid']);
  });

  it('refuses what DynamoDB refuses before reading the request: an unknown operation, a body that is not JSON', async () => {
    const sent = (target: string, body: string) =>
      store.requestHandler.handle({
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': target,
          'x-amz-date': '20261126T000000Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=a/20261126/local/dynamodb/aws4_request, SignedHeaders=host, Signature=b',
        },
        body: new TextEncoder().encode(body),
      });
    const typeOf = async (answer: ReturnType<typeof sent>) => {
      const { response } = await answer;
      return [response.statusCode, JSON.parse(Buffer.from(response.body).toString()).__type];
    };
    expect(await typeOf(sent('DynamoDB_20120810.DropEverything', '{}'))).toEqual([
      400,
      'com.amazon.coral.service#UnknownOperationException',
    ]);
    expect(await typeOf(sent('DynamoDB_20120810.ListTables', '{not json'))).toEqual([
      400,
      'com.amazon.coral.service#SerializationException',
    ]);
  });

  it("refuses what DynamoDB refuses in a request's signature parameters, and takes the SDK's own", async () => {
    const sent = async (authorization: string | undefined, query: Record<string, string> = {}) => {
      const { response } = await store.requestHandler.handle({
        method: 'POST',
        path: '/',
        query,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          'x-amz-date': '20261126T000000Z',
          ...(authorization === undefined ? {} : { authorization }),
        },
        body: new TextEncoder().encode('{}'),
      });
      const answer = JSON.parse(Buffer.from(response.body).toString());
      return [response.statusCode, answer.__type, answer.message];
    };
    const credential = 'Credential=a/20261126/local/dynamodb/aws4_request';
    expect(await sent(`AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host, Signature=b`)).toEqual([
      200,
      undefined,
      undefined,
    ]);
    for (const [authorization, missing] of [
      [`AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host`, 'Signature'],
      [`AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host, Signature=`, 'Signature'],
      [`AWS4-HMAC-SHA256 ${credential},SignedHeaders=, Signature=b`, 'SignedHeaders'],
      ['AWS4-HMAC-SHA256 SignedHeaders=host, Signature=b', 'Credential'],
    ] as const)
      expect(await sent(authorization)).toEqual([
        400,
        'com.amazon.coral.service#IncompleteSignatureException',
        `Authorization header requires '${missing}' parameter. Authorization=${authorization}`,
      ]);
    expect(await sent(undefined)).toEqual([
      400,
      'com.amazon.coral.service#MissingAuthenticationTokenException',
      'Request is missing Authentication Token',
    ]);
    expect(
      await sent(`AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host, Signature=b`, {
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      }),
    ).toEqual([
      400,
      'com.amazon.coral.service#InvalidSignatureException',
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    ]);
    expect(await sent(undefined, { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' })).toEqual([
      400,
      'com.amazon.coral.service#IncompleteSignatureException',
      expect.stringContaining("AWS query-string parameters must include 'X-Amz-Credential'."),
    ]);
  });

  it('lets exactly one of many conditional writes racing on the same key win, and counts each counted call once', async () => {
    const creating = Array.from({ length: 12 }, (_, n) =>
      raw.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: 'race' }, sk: { S: 'ITEM' }, writer: { N: String(n) } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    const created = await Promise.allSettled(creating);
    const won = created.flatMap((outcome, n) => (outcome.status === 'fulfilled' ? [n] : []));
    expect(won).toHaveLength(1);
    for (const outcome of created)
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConditionalCheckFailedException);
    const { Item } = await raw.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'race' }, sk: { S: 'ITEM' } }, ConsistentRead: true }),
    );
    expect(Item?.writer).toEqual({ N: String(won[0]) });

    const counted = await Promise.allSettled(Array.from({ length: 20 }, () => raw.send(countUpTo('race-counter', 5))));
    const counts = counted.flatMap((outcome) =>
      outcome.status === 'fulfilled' ? [Number(outcome.value.Attributes?.count?.N)] : [],
    );
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(counted.filter((outcome) => outcome.status === 'rejected')).toHaveLength(15);
  });

  it('reads back the items of a batch written, through the table and through an index', async () => {
    const items = Array.from({ length: 25 }, (_, n) => ({
      pk: { S: 'batch' },
      sk: { S: `ITEM#${String(n).padStart(2, '0')}` },
      gsi1pk: { S: 'batch-index' },
      gsi1sk: { S: String(24 - n).padStart(2, '0') },
      n: { N: String(n) },
    }));
    const { UnprocessedItems } = await raw.send(
      new BatchWriteItemCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    expect(UnprocessedItems).toEqual({});
    const { Responses } = await raw.send(
      new BatchGetItemCommand({
        RequestItems: { [TABLE]: { Keys: items.map(({ pk, sk }) => ({ pk, sk })), ConsistentRead: true } },
      }),
    );
    const read = Responses?.[TABLE] ?? [];
    expect(read.map((item) => Number(item.n?.N)).sort((a, b) => a - b)).toEqual(items.map((_, n) => n));
    const byIndex = await raw.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'batch-index' } },
      }),
    );
    expect(byIndex.Items?.map((item) => Number(item.n?.N))).toEqual(items.map((_, n) => 24 - n));
  });

  it('moves an item in an index when an update changes its index key, and takes it out when it loses the key', async () => {
    const key = { pk: { S: 'moving' }, sk: { S: 'ITEM' } };
    const inIndex = async (partition: string) =>
      (
        await raw.send(
          new QueryCommand({
            TableName: TABLE,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: partition } },
          }),
        )
      ).Items?.map((item) => item.pk?.S);
    await raw.send(
      new PutItemCommand({ TableName: TABLE, Item: { ...key, gsi1pk: { S: 'moving-a' }, gsi1sk: { S: '1' } } }),
    );
    await raw.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'SET gsi1pk = :b',
        ExpressionAttributeValues: { ':b': { S: 'moving-b' } },
      }),
    );
    expect([await inIndex('moving-a'), await inIndex('moving-b')]).toEqual([[], ['moving']]);
    await raw.send(new UpdateItemCommand({ TableName: TABLE, Key: key, UpdateExpression: 'REMOVE gsi1pk' }));
    expect(await inIndex('moving-b')).toEqual([]);
  });

  it('stores an item just under the 400 KB limit as it was sent and refuses one just over it', async () => {
    const sized = (sk: string, textBytes: number): Record<string, AttributeValue> => ({
      pk: { S: 'large' },
      sk: { S: sk },
      text: { S: 'x'.repeat(textBytes) },
    });
    // An item's size is its attribute names' and values' bytes: "pk" + "large" + "sk" + "ITEM" + "text".
    const under = sized('ITEM', 400 * 1024 - 17 - 1);
    await raw.send(new PutItemCommand({ TableName: TABLE, Item: under }));
    const { Item } = await raw.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: under.pk!, sk: under.sk! }, ConsistentRead: true }),
    );
    expect(Item).toEqual(under);
    await expect(
      raw.send(new PutItemCommand({ TableName: TABLE, Item: sized('OVER', 400 * 1024) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Item size has exceeded the maximum allowed size',
    });
  });

  it('pages a query: each page at most the limit, in key order, none missed or repeated, the last without a next key', async () => {
    await Promise.all(
      Array.from({ length: 23 }, (_, n) =>
        raw.send(
          new PutItemCommand({
            TableName: TABLE,
            Item: { pk: { S: 'paged' }, sk: { S: `ITEM#${String(n).padStart(2, '0')}` } },
          }),
        ),
      ),
    );
    const pages: string[][] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await raw.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: 'paged' } },
          ScanIndexForward: false,
          Limit: 10,
          ExclusiveStartKey: start,
        }),
      );
      pages.push(page.Items?.map((item) => item.sk!.S!) ?? []);
      start = page.LastEvaluatedKey;
    } while (start && pages.length < 5);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(Array.from({ length: 23 }, (_, n) => `ITEM#${String(22 - n).padStart(2, '0')}`));
  });

  it('answers item requests by the table as it now is when a table is deleted and made again with other keys', async () => {
    const other = 'protocol-test-remade';
    const key = { pk: { S: 'one' }, sk: { S: 'ITEM' } };
    const keyed = (keys: string[]) =>
      new CreateTableCommand({
        TableName: other,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: keys.map((AttributeName, n) => ({ AttributeName, KeyType: n === 0 ? 'HASH' : 'RANGE' })),
      });
    await raw.send(keyed(['pk', 'sk']));
    await expect
      .poll(() => raw.send(new PutItemCommand({ TableName: other, Item: key })).then(() => 'written', String))
      .toBe('written');
    await raw.send(new DeleteTableCommand({ TableName: other }));
    await expect
      .poll(() =>
        raw.send(new GetItemCommand({ TableName: other, Key: key })).then(
          () => 'read',
          (error) => error,
        ),
      )
      .toBeInstanceOf(ResourceNotFoundException);
    // A table being deleted is already not found by item requests, but cannot be made again until it is gone.
    await expect
      .poll(() =>
        raw.send(new DescribeTableCommand({ TableName: other })).then(
          () => 'described',
          (error) => error,
        ),
      )
      .toBeInstanceOf(ResourceNotFoundException);
    await raw.send(keyed(['pk']));
    await expect
      .poll(() => raw.send(new GetItemCommand({ TableName: other, Key: { pk: key.pk } })).then(() => 'read', String))
      .toBe('read');
    await expect(raw.send(new GetItemCommand({ TableName: other, Key: key }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'The provided key element does not match the schema',
    });
  });
});
