import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
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

describe("the embedded store's thread answers this process's clients as DynamoDB would", () => {
  let store: EmbeddedStore;
  let raw: DynamoDBClient;
  beforeAll(async () => {
    store = await startEmbeddedStore();
    raw = createLocalClients(store.endpoint, store.credentials, store.requestHandler).raw;
    await ensureTable(raw, TABLE);
  });
  afterAll(async () => {
    raw.destroy();
    await store.close();
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
});
