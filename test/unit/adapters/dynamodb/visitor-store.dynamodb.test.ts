import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../../functions/adapters/dynamodb/document-client.js';
import { DynamoDbVisitorStore } from '../../../../functions/adapters/dynamodb/visitor-store.dynamodb.js';
import { domainEvent } from '../../../../functions/core/events/domain-event.js';
import { aVisitor } from '../../../fixtures/visitors.js';

describe('DynamoDbVisitorStore (commands sent)', () => {
  const docMock = mockClient(DynamoDBDocumentClient);
  beforeEach(() => docMock.reset());

  it('writes a later version only over the previous one, indexed by site and recency, with its events appended to the outbox in the same write', async () => {
    docMock.on(UpdateCommand).resolves({});
    const visitor = aVisitor({ version: 4, lastSeenAt: '2026-11-25T11:00:00.000Z' });
    const event = domainEvent('LeadScored', 'lead-scored:v:4', 'test-site', '2026-11-25T11:00:00.000Z', {
      visitorId: visitor.visitorId,
      total: 70,
      delta: 10,
      rulebookVersion: 1,
    });

    await new DynamoDbVisitorStore(createDocumentClient({ region: 'local' }), 't').save(visitor, [event]);

    const calls = docMock.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({
      TableName: 't',
      Key: { pk: `VISITOR#${visitor.visitorId}`, sk: 'PROFILE' },
      ConditionExpression: '#version = :expected',
      ExpressionAttributeValues: {
        ':expected': 3,
        ':version': 4,
        ':g1': 'SITE#test-site#VISITORS',
        ':g2': `2026-11-25T11:00:00.000Z#${visitor.visitorId}`,
        ':events': [event],
        ':pending': 'PENDING',
      },
    });
    expect(calls[0]!.args[0].input.UpdateExpression).toContain(
      '#outbox = list_append(if_not_exists(#outbox, :noEvents), :events)',
    );
  });
});
