import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb/document-client.js';
import { ensureTable } from '../../functions/adapters/dynamodb/ensure-table.js';
import { createLocalClients } from '../../functions/adapters/dynamodb/local-client.js';
import { type EmbeddedStore, startEmbeddedStore } from '../../functions/local/embedded-store.js';

const credentials = { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' };
const SIGNED =
  /^AWS4-HMAC-SHA256 Credential=AKIDSTANDIN\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

/** A DynamoDB answer as the service writes it. */
interface Answer {
  status: number;
  body: string;
}
const ok = (body: object = {}): Answer => ({ status: 200, body: JSON.stringify(body) });
const refused = (type: string, message: string): Answer => ({
  status: 400,
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
});

/** A request handler in the process (as the embedded store's is) answering from a script, keeping what it was sent. */
function scriptedHandler(answers: Answer[]) {
  const sent: Array<{ headers: Record<string, string>; body: string }> = [];
  return {
    sent,
    handler: {
      async handle(request: { headers: Record<string, string>; body?: unknown }) {
        sent.push({ headers: { ...request.headers }, body: Buffer.from(request.body as Uint8Array).toString() });
        const answer = answers.shift() ?? ok();
        return {
          response: {
            statusCode: answer.status,
            headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `REQ${sent.length}` },
            body: new TextEncoder().encode(answer.body),
          },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    },
  };
}

const take = () =>
  new UpdateCommand({
    TableName: 'baton',
    Key: { pk: 'LIMIT#ip:1', sk: 'WINDOW#1' },
    UpdateExpression: 'ADD #count :one',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':one': 1, ':limit': 3 },
  });

const clientsOn = (handler: ReturnType<typeof scriptedHandler>['handler']) => {
  const config = { region: 'eu-west-1', credentials, requestHandler: handler, maxAttempts: 3 };
  return {
    'the signing client (Lambda)': createDocumentClient(config),
    'the in-process unsigned client (local)': createDocumentClient(config, { inProcessUnsigned: true }),
  };
};

describe('the tuned DocumentClient’s middleware stack', () => {
  it('signs every request with SigV4 when its requests leave the process (the Lambda client)', async () => {
    const sent: Array<{ headers: NodeJS.Dict<string | string[]>; body: string }> = [];
    const server: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        sent.push({ headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createDocumentClient({ region: 'eu-west-1', credentials, endpoint: `http://127.0.0.1:${port}` });

    await client.send(take());
    await client.send(take());

    expect(sent).toHaveLength(2);
    for (const { headers, body } of sent) {
      expect(headers.authorization).toMatch(SIGNED);
      expect(headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
      expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    }
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('leaves requests to the embedded store’s in-process handler unsigned but well-formed, naming the access key', async () => {
    const { sent, handler } = scriptedHandler([]);
    const client = createDocumentClient(
      { region: 'local', credentials, requestHandler: handler },
      { inProcessUnsigned: true },
    );

    await client.send(take());

    expect(sent[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSTANDIN\/\d{8}\/local\/dynamodb\/aws4_request, SignedHeaders=host;x-amz-date, Signature=unsigned-in-process$/,
    );
    expect(sent[0]?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(sent[0]?.headers).not.toHaveProperty('x-amz-content-sha256');
    client.destroy();
  });

  it.each(Object.keys(clientsOn(scriptedHandler([]).handler)))(
    '%s sends the body and headers the SDK’s own client sends, but for the signature (and the unsigned one’s credentials)',
    async (name) => {
      const tuned = scriptedHandler([]);
      const plain = scriptedHandler([]);
      const client = clientsOn(tuned.handler)[name as keyof ReturnType<typeof clientsOn>];
      const reference = DynamoDBDocumentClient.from(
        new DynamoDBClient({ region: 'eu-west-1', credentials, requestHandler: plain.handler, maxAttempts: 3 }),
        { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
      );

      await client.send(take());
      await reference.send(take());

      const comparable = ({ headers, body }: { headers: Record<string, string>; body: string }) => {
        const {
          authorization: _a,
          'x-amz-date': _d,
          'x-amz-content-sha256': _h,
          'amz-sdk-invocation-id': _i,
          ...rest
        } = headers;
        return { headers: rest, body };
      };
      const expected = comparable(plain.sent[0]!);
      // The user agent's features name where the credentials came from (`e`: in code) only when they sign.
      if (name.includes('unsigned'))
        expected.headers['user-agent'] = expected.headers['user-agent']!.replace(/,e$/, '');
      expect(comparable(tuned.sent[0]!)).toEqual(expected);
      client.destroy();
      reference.destroy();
    },
  );

  it('writes the user agent the SDK writes with an app id and a custom part, on every call', async () => {
    const tuned = scriptedHandler([]);
    const plain = scriptedHandler([]);
    const config = {
      region: 'eu-west-1',
      credentials,
      customUserAgent: 'baton/1.0 (tests)',
      userAgentAppId: 'baton-app',
    };
    const client = createDocumentClient({ ...config, requestHandler: tuned.handler });
    const reference = DynamoDBDocumentClient.from(new DynamoDBClient({ ...config, requestHandler: plain.handler }));

    for (let i = 0; i < 2; i++) {
      await client.send(take());
      await reference.send(take());
    }

    const agents = ({ sent }: typeof tuned) =>
      sent.map(({ headers }) => [headers['user-agent'], headers['x-amz-user-agent']]);
    expect(agents(tuned)).toEqual(agents(plain));
    expect(agents(tuned)[1]?.[0]).toMatch(/ m\/[A-Za-z,]*d[A-Za-z,]* app\/baton-app baton\/1\.0--tests-$/);
    client.destroy();
    reference.destroy();
  });

  it('sends each request to the endpoint the SDK resolves for it: by region, by the credentials’ account, by a table’s ARN', async () => {
    const tuned = scriptedHandler([]);
    const plain = scriptedHandler([]);
    const config = { region: 'eu-west-1', credentials: { ...credentials, accountId: '111122223333' } };
    const client = createDocumentClient({ ...config, requestHandler: tuned.handler });
    const reference = DynamoDBDocumentClient.from(new DynamoDBClient({ ...config, requestHandler: plain.handler }));
    const elsewhere = 'arn:aws:dynamodb:eu-west-1:444455556666:table/baton';
    const commands = () => [
      new UpdateCommand({ ...take().input, TableName: 'baton' }),
      new UpdateCommand({ ...take().input, TableName: elsewhere }),
      new UpdateCommand({ ...take().input, TableName: 'baton' }),
      new QueryCommand({
        TableName: elsewhere,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'x' },
      }),
      new TransactWriteCommand({ TransactItems: [{ Put: { TableName: elsewhere, Item: { pk: 'x', sk: 'y' } } }] }),
    ];

    for (const command of commands()) await client.send(command as never);
    for (const command of commands()) await reference.send(command as never);

    const hosts = ({ sent }: typeof tuned) => sent.map(({ headers }) => headers.host);
    expect(hosts(tuned)).toEqual(hosts(plain));
    expect(hosts(tuned).slice(0, 3)).toEqual([
      '111122223333.ddb.eu-west-1.amazonaws.com',
      '444455556666.ddb.eu-west-1.amazonaws.com',
      '111122223333.ddb.eu-west-1.amazonaws.com',
    ]);
    client.destroy();
    reference.destroy();
  });

  it('sends to the endpoint it was given', async () => {
    const { sent, handler } = scriptedHandler([]);
    const client = createDocumentClient(
      { region: 'local', credentials, endpoint: 'http://127.0.0.1:4567', requestHandler: handler },
      { inProcessUnsigned: true },
    );

    await client.send(take());
    await client.send(take());

    expect(sent.map(({ headers }) => headers.host)).toEqual(['127.0.0.1:4567', '127.0.0.1:4567']);
    client.destroy();
  });

  it.each(Object.keys(clientsOn(scriptedHandler([]).handler)))(
    '%s retries a throttled call and answers with the retry’s result',
    async (name) => {
      const { sent, handler } = scriptedHandler([
        refused('ProvisionedThroughputExceededException', 'slow down'),
        ok({ Attributes: { count: { N: '1' } } }),
      ]);
      const client = clientsOn(handler)[name as keyof ReturnType<typeof clientsOn>];

      const answer = await client.send(new UpdateCommand({ ...take().input, ReturnValues: 'UPDATED_NEW' }));

      expect(answer.Attributes).toEqual({ count: 1 });
      expect(sent.map(({ headers }) => headers['amz-sdk-request'])).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
      client.destroy();
    },
  );

  it.each(Object.keys(clientsOn(scriptedHandler([]).handler)))(
    '%s throws a refused condition as the SDK’s ConditionalCheckFailedException, with its metadata',
    async (name) => {
      const { sent, handler } = scriptedHandler([
        refused('ConditionalCheckFailedException', 'The conditional request failed'),
      ]);
      const client = clientsOn(handler)[name as keyof ReturnType<typeof clientsOn>];

      const error = await client.send(take()).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ConditionalCheckFailedException);
      expect(error).toMatchObject({
        name: 'ConditionalCheckFailedException',
        message: 'The conditional request failed',
        $fault: 'client',
        $metadata: { httpStatusCode: 400, requestId: 'REQ1', attempts: 1 },
      });
      expect(sent).toHaveLength(1);
      client.destroy();
    },
  );

  it.each(Object.keys(clientsOn(scriptedHandler([]).handler)))(
    '%s reports an answer it cannot read as the SDK does, the raw response kept on the error',
    async (name) => {
      const garbled = () => scriptedHandler([{ status: 200, body: '{"Attributes": ' }]);
      const tuned = garbled();
      const plain = garbled();
      const client = clientsOn(tuned.handler)[name as keyof ReturnType<typeof clientsOn>];
      const reference = new DynamoDBClient({ region: 'eu-west-1', credentials, requestHandler: plain.handler });
      const { UpdateItemCommand } = await import('@aws-sdk/client-dynamodb');

      const error = (await client.send(take()).catch((caught: unknown) => caught)) as Record<string, unknown>;
      const expected = (await reference
        .send(new UpdateItemCommand({ TableName: 'baton', Key: { pk: { S: 'x' } } }))
        .catch((caught: unknown) => caught)) as Record<string, unknown>;

      expect(error).toBeInstanceOf(SyntaxError);
      expect(error.message).toBe(expected.message);
      expect(error.$metadata).toEqual({ ...(expected.$metadata as object), attempts: 1, totalRetryDelay: 0 });
      expect(error.$response).toMatchObject({ statusCode: 200 });
      client.destroy();
      reference.destroy();
    },
  );
});

describe('the local runtime’s clients on the embedded store’s in-process handler', () => {
  let store: EmbeddedStore;
  let clients: ReturnType<typeof createLocalClients>;
  beforeAll(async () => {
    store = await startEmbeddedStore();
    clients = createLocalClients(store.endpoint, store.credentials, store.requestHandler);
    await ensureTable(clients.raw, 'baton-stack');
  });
  afterAll(async () => {
    clients.raw.destroy();
    clients.doc.destroy();
    await store.close();
  });

  it('write, read and refuse a condition unsigned, as the store takes them', async () => {
    const item = { pk: 'DOC#unsigned', sk: 'ITEM', text: 'héllo', list: [1, { deep: true }] };
    const put = () =>
      new PutCommand({ TableName: 'baton-stack', Item: item, ConditionExpression: 'attribute_not_exists(pk)' });

    await clients.doc.send(put());
    const read = await clients.doc.send(
      new GetCommand({ TableName: 'baton-stack', Key: { pk: 'DOC#unsigned', sk: 'ITEM' } }),
    );
    const again = await clients.doc.send(put()).catch((caught: unknown) => caught);

    expect(read.Item).toEqual(item);
    expect(again).toBeInstanceOf(ConditionalCheckFailedException);
  });
});
