import { ConflictException as RealConflictException } from '@aws-sdk/client-scheduler';
import { GoneException as RealGoneException } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient as RealDynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient as RealDocumentClient, GetCommand as RealGetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tuneDocumentClient } from '../../functions/adapters/dynamodb/document-client-tuning.js';
import { GoneException } from '../../functions/bundling/aws-sdk/client-apigatewaymanagementapi.js';
import { ConditionalCheckFailedException, DynamoDBClient } from '../../functions/bundling/aws-sdk/client-dynamodb.js';
import { ConflictException, ResourceNotFoundException } from '../../functions/bundling/aws-sdk/client-scheduler.js';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '../../functions/bundling/aws-sdk/lib-dynamodb.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

// The visitor function's build replaces the AWS SDK packages with these (functions/bundling/lambda-bundling.ts
// `aliasesOf`): what the stores send through them must reach the table as the real SDK would send it.
describe('the AWS SDK read on first send (the visitor function build) on the embedded DynamoDB store', () => {
  let store: TestStore;
  let db: DynamoDBDocumentClient;
  beforeAll(async () => {
    store = await startTestStore();
    db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: store.endpoint, region: 'local', credentials: store.credentials }),
      { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
    );
  });
  afterAll(() => store.close());

  const key = (id: string) => ({ pk: `FIRSTSEND#${id}`, sk: 'ITEM' });

  it('puts, reads, updates, queries, batch-reads and deletes items with the translation options it was given', async () => {
    const TableName = store.tableName;
    await db.send(new PutCommand({ TableName, Item: { ...key('a'), n: 1, dropped: undefined } }));
    await db.send(new PutCommand({ TableName, Item: { ...key('b'), n: 2 } }));
    await db.send(
      new UpdateCommand({
        TableName,
        Key: key('a'),
        UpdateExpression: 'SET n = n + :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );

    expect(await db.send(new GetCommand({ TableName, Key: key('a') }))).toMatchObject({ Item: { ...key('a'), n: 2 } });
    expect(
      await db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'FIRSTSEND#b' },
        }),
      ),
    ).toMatchObject({ Items: [{ ...key('b'), n: 2 }] });
    const batch = (await db.send(
      new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [key('a'), key('b')] } } }),
    )) as {
      Responses: Record<string, { n: number }[]>;
    };
    expect(batch.Responses[TableName]!.map((item) => item.n).sort()).toEqual([2, 2]);

    await db.send(new DeleteCommand({ TableName, Key: key('b') }));
    expect(await db.send(new GetCommand({ TableName, Key: key('b') }))).not.toHaveProperty('Item');
  });

  it('rejects a failed condition with the SDK error the stores recognise as ConditionalCheckFailedException', async () => {
    const put = () =>
      db.send(
        new PutCommand({
          TableName: store.tableName,
          Item: key('once'),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await put();

    const refused = await put().catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(ConditionalCheckFailedException);
    expect(refused).not.toBeInstanceOf(ConflictException);
  });

  it('tunes the real document client when made as createDocumentClient does, and it writes what lib-dynamodb reads', async () => {
    const config = { endpoint: store.endpoint, region: 'local', credentials: store.credentials };
    const translation = { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } };
    const tuned = DynamoDBDocumentClient.from(new DynamoDBClient(config), translation);
    tuned.whenMade(tuneDocumentClient as never);
    const plain = RealDocumentClient.from(new RealDynamoDBClient(config), translation);
    const TableName = store.tableName;
    const item = { ...key('tuned'), text: 'héllo', list: [1, { deep: true }], tags: new Set(['x']), gone: undefined };

    await Promise.all([
      tuned.send(new PutCommand({ TableName, Item: item })),
      tuned.send(new GetCommand({ TableName, Key: key('nothing') })),
    ]);

    const made = (await tuned.made()) as unknown as RealDocumentClient;
    expect(made).toBeInstanceOf(RealDocumentClient);
    expect(made.config.cacheMiddleware).toBe(true);
    const { gone: _, ...stored } = item;
    expect((await plain.send(new RealGetCommand({ TableName, Key: key('tuned') }))).Item).toEqual(stored);
    expect(await tuned.send(new GetCommand({ TableName, Key: key('tuned') }))).toMatchObject({ Item: stored });
    plain.destroy();
  });

  it('recognises the real packages’ errors by name, and nothing else', () => {
    const metadata = { $metadata: {} };
    expect(new RealConflictException({ message: 'exists', Message: 'exists', ...metadata })).toBeInstanceOf(
      ConflictException,
    );
    expect(new RealGoneException({ message: 'gone', ...metadata })).toBeInstanceOf(GoneException);
    expect(new RealGoneException({ message: 'gone', ...metadata })).not.toBeInstanceOf(ResourceNotFoundException);
    expect(new Error('ConflictException')).not.toBeInstanceOf(ConflictException);
    expect({ name: 'GoneException' }).not.toBeInstanceOf(GoneException);
  });
});
