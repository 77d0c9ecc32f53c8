import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coalescedReads } from '../../functions/adapters/dynamodb/coalesced-reads.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('reads by key sent together (coalescedReads) on the embedded DynamoDB store', () => {
  let store: TestStore;
  let sent: string[] = [];
  beforeAll(async () => {
    store = await startTestStore();
    store.doc.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
    for (let i = 0; i < 120; i++)
      await store.doc.send(
        new PutCommand({ TableName: store.tableName, Item: { pk: `COALESCE#${i}`, sk: 'ITEM', n: i } }),
      );
  });
  beforeEach(() => {
    sent = [];
  });
  afterAll(() => store.close());

  const get = (i: number, consistent = false) =>
    new GetCommand({
      TableName: store.tableName,
      Key: { pk: `COALESCE#${i}`, sk: 'ITEM' },
      ...(consistent ? { ConsistentRead: true } : {}),
    });

  it('sends gets and batch gets of the same turn as one BatchGetItem, each answered with its own items', async () => {
    const db = coalescedReads(store.doc);

    const [one, missing, batch, again] = await Promise.all([
      db.send(get(1)),
      db.send(get(999)),
      db.send(
        new BatchGetCommand({
          RequestItems: {
            [store.tableName]: {
              Keys: [
                { pk: 'COALESCE#2', sk: 'ITEM' },
                { pk: 'COALESCE#1', sk: 'ITEM' },
                { pk: 'COALESCE#998', sk: 'ITEM' },
              ],
              ConsistentRead: true,
            },
          },
        }),
      ),
      db.send(get(1, true)),
    ]);

    expect(sent).toEqual(['BatchGetItemCommand']);
    expect(one.Item).toMatchObject({ n: 1 });
    expect(missing.Item).toBeUndefined();
    expect(batch.Responses?.[store.tableName]?.map((item) => item.n).sort()).toEqual([1, 2]);
    expect(batch.UnprocessedKeys).toEqual({});
    expect(again.Item).toMatchObject({ n: 1 });
  });

  it('sends a read alone as its store wrote it, and what is not a read by key untouched', async () => {
    const db = coalescedReads(store.doc);

    const alone = await db.send(get(3));
    await db.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'COALESCE#4' },
      }),
    );

    expect(alone.Item).toMatchObject({ n: 3 });
    expect(sent).toEqual(['GetItemCommand', 'QueryCommand']);
  });

  it("sends each read alone past one BatchGetItem's 100 keys, and 100 together", async () => {
    const db = coalescedReads(store.doc);

    const hundred = await Promise.all(Array.from({ length: 100 }, (_, i) => db.send(get(i))));
    expect(sent).toEqual(['BatchGetItemCommand']);
    sent = [];
    const more = await Promise.all(Array.from({ length: 101 }, (_, i) => db.send(get(i))));

    expect(hundred.map((output) => output.Item?.n)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(more.map((output) => output.Item?.n)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(sent).toEqual(Array.from({ length: 101 }, () => 'GetItemCommand'));
  });

  it("answers each read on its own when the shared batch fails: one read's bad key fails only that read", async () => {
    const db = coalescedReads(store.doc);

    const [good, bad] = await Promise.allSettled([
      db.send(get(5)),
      db.send(new GetCommand({ TableName: store.tableName, Key: { pk: '', sk: 'ITEM' } })),
    ]);

    expect(good).toMatchObject({ status: 'fulfilled', value: { Item: { n: 5 } } });
    expect(bad.status).toBe('rejected');
  });
});
