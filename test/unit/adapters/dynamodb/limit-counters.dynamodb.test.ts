import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../../functions/adapters/dynamodb/document-client.js';
import { DynamoDbLimitCounters } from '../../../../functions/adapters/dynamodb/limit-counters.dynamodb.js';
import { rateCountersOf } from '../../../../functions/core/limits/abuse-limits.js';
import { limitsNoTestReaches } from '../../../fixtures/limits.js';

describe('DynamoDbLimitCounters (commands sent)', () => {
  const docMock = mockClient(DynamoDBDocumentClient);
  beforeEach(() => docMock.reset());
  const counters = rateCountersOf(
    { ...limitsNoTestReaches, perIp: { limit: 5, windowSeconds: 60 } },
    { ip: '192.0.2.1', visitor: 'v1', siteKey: 'acme' },
    new Date('2026-11-26T10:00:15.000Z'),
  );
  const adapter = () => new DynamoDbLimitCounters(createDocumentClient({ region: 'local' }), 't');

  it('sends one conditional ADD per counter, all before any answers (one round trip)', async () => {
    let sent = 0;
    let release = () => {};
    const allSent = new Promise<void>((resolve) => {
      release = resolve;
    });
    docMock.on(UpdateCommand).callsFake(async () => {
      if (++sent === counters.length) release();
      await allSent;
      return {};
    });

    expect(await adapter().take(counters)).toEqual([]);

    const calls = docMock.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.args[0].input).toEqual({
      TableName: 't',
      Key: { pk: 'LIMIT#ip#192.0.2.1', sk: 'WINDOW#2026-11-26T10:00:00.000Z' },
      UpdateExpression: 'ADD #count :one SET #expiresAt = :expiresAt',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':limit': 5,
        ':expiresAt': Date.parse('2026-11-26T10:01:00.000Z') / 1000 + 3600,
      },
    });
    expect(calls.map((call) => call.args[0].input.Key)).toEqual([
      { pk: 'LIMIT#ip#192.0.2.1', sk: 'WINDOW#2026-11-26T10:00:00.000Z' },
      { pk: 'LIMIT#visitor#v1', sk: 'WINDOW#2026-11-26T10:00:00.000Z' },
      { pk: 'LIMIT#site#acme', sk: 'WINDOW#2026-11-26T10:00:00.000Z' },
    ]);
  });

  it('answers the counter whose condition failed as refused', async () => {
    docMock
      .on(UpdateCommand)
      .resolves({})
      .on(UpdateCommand, { Key: { pk: 'LIMIT#visitor#v1', sk: 'WINDOW#2026-11-26T10:00:00.000Z' } })
      .rejects(new ConditionalCheckFailedException({ message: 'at limit', $metadata: {} }));

    expect(await adapter().take(counters)).toEqual([counters[1]]);
  });

  it('passes any other failure on', async () => {
    docMock.on(UpdateCommand).rejects(new Error('throttled'));

    await expect(adapter().take(counters)).rejects.toThrow('throttled');
  });
});
