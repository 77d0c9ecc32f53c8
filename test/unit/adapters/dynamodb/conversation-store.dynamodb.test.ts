import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbConversationStore } from '../../../../functions/adapters/dynamodb/conversation-store.dynamodb.js';
import { createDocumentClient } from '../../../../functions/adapters/dynamodb/document-client.js';
import { TurnAlreadyTakenError } from '../../../../functions/ports/conversation-store.js';
import { aConversation, aTurn } from '../../../fixtures/builders.js';

describe('DynamoDbConversationStore (commands sent)', () => {
  const docMock = mockClient(DynamoDBDocumentClient);
  beforeEach(() => docMock.reset());
  const store = () => new DynamoDbConversationStore(createDocumentClient({ region: 'local' }), 'table-x');

  it('appends a turn with one conditional put keyed by its zero-padded sequence number', async () => {
    // Prepare
    docMock.on(PutCommand).resolves({});
    // Act
    await store().appendTurn('C1', aTurn({ seq: 7 }));
    // Assess
    const calls = docMock.commandCalls(PutCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({
      TableName: 'table-x',
      Item: { pk: 'CONV#C1', sk: 'TURN#000007', seq: 7, type: 'turn' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('turns a failed condition into TurnAlreadyTakenError', async () => {
    docMock.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));

    await expect(store().appendTurn('C1', aTurn({ seq: 3 }))).rejects.toBeInstanceOf(TurnAlreadyTakenError);
  });

  it('loads the header and the newest turns with a single descending query', async () => {
    const conversation = aConversation();
    docMock.on(QueryCommand).resolves({
      Items: [
        { pk: 'CONV#x', sk: '~CONVERSATION', ...conversation },
        { pk: 'CONV#x', sk: 'TURN#000001', ...aTurn({ seq: 1 }) },
      ],
    });

    const snapshot = await store().loadRecent(conversation.id, 5);

    expect(docMock.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ ScanIndexForward: false, Limit: 6 });
    expect(snapshot).toEqual({ conversation, recentTurns: [aTurn({ seq: 1 })], newVisitor: false });
  });

  it('reads back that the start of the conversation made its visitor, and keeps the flag out of the conversation', async () => {
    const conversation = aConversation();
    docMock.on(QueryCommand).resolves({
      Items: [{ pk: 'CONV#x', sk: '~CONVERSATION', ...conversation, newVisitor: true }],
    });

    const snapshot = await store().loadRecent(conversation.id, 5);

    expect(snapshot).toEqual({ conversation, recentTurns: [], newVisitor: true });
  });

  it('answers null for an unknown conversation', async () => {
    docMock.on(QueryCommand).resolves({ Items: [] });

    expect(await store().loadRecent('nope', 5)).toBeNull();
  });
});
