import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../../functions/adapters/dynamodb/document-client.js';
import { DynamoDbVisitorStore } from '../../../../functions/adapters/dynamodb/visitor-store.dynamodb.js';
import { aVisitor } from '../../../fixtures/visitors.js';

describe('DynamoDbVisitorStore (commands sent)', () => {
  const docMock = mockClient(DynamoDBDocumentClient);
  beforeEach(() => docMock.reset());

  it('writes a later version on the condition that the stored one is the previous, indexed by site and recency', async () => {
    docMock.on(PutCommand).resolves({});
    const visitor = aVisitor({ version: 4, lastSeenAt: '2026-11-25T11:00:00.000Z' });

    await new DynamoDbVisitorStore(createDocumentClient({ region: 'local' }), 't').save(visitor);

    expect(docMock.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
      TableName: 't',
      Item: { pk: `VISITOR#${visitor.visitorId}`, sk: 'PROFILE', gsi1pk: 'SITE#test-site#VISITORS', gsi1sk: `2026-11-25T11:00:00.000Z#${visitor.visitorId}`, version: 4 },
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
    });
  });
});
