import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../../functions/adapters/dynamodb/document-client.js';
import { DynamoDbMeetingStore } from '../../../../functions/adapters/dynamodb/meeting-store.dynamodb.js';

describe('DynamoDbMeetingStore (commands sent)', () => {
  const docMock = mockClient(DynamoDBDocumentClient);
  beforeEach(() => docMock.reset());
  const store = () => new DynamoDbMeetingStore(createDocumentClient({ region: 'local' }), 'table-x');

  it('reads the held locks with a strongly consistent query from a day before now, and counts an expired lock as free', async () => {
    // Prepare
    const now = new Date('2026-11-26T10:00:00.000Z');
    const nowSeconds = now.getTime() / 1000;
    docMock.on(QueryCommand).resolves({
      Items: [
        { sk: '2026-11-26T14:00:00.000Z', meetingId: 'M1', expiresAt: nowSeconds + 1 },
        { sk: '2026-11-26T14:15:00.000Z', meetingId: 'M1', expiresAt: nowSeconds },
        { sk: '2026-11-25T09:00:00.000Z', meetingId: 'M0', expiresAt: nowSeconds - 1 },
      ],
    });
    // Act
    const held = await store().heldLocks('acme', 'rep-ana', now);
    // Assess
    expect(docMock.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({
      TableName: 'table-x',
      ConsistentRead: true,
      // Time cells only: a day's places (`day:…`) sort after every instant and are not times.
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': 'SITE#acme#REP#rep-ana#LOCKS',
        ':from': '2026-11-25T10:00:00.000Z',
        ':to': '9999',
      },
      ExclusiveStartKey: undefined,
    });
    expect(held).toEqual(
      new Map([
        ['2026-11-26T14:00:00.000Z', 'M1'],
        ['2026-11-26T14:15:00.000Z', 'M1'],
      ]),
    );
  });
});
