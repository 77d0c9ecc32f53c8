import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb/conversation-store.dynamodb.js';
import { DynamoDbDecisionStore } from '../../functions/adapters/dynamodb/decision-store.dynamodb.js';
import { aConversation, aRoutingDecision, aTurn } from '../fixtures/builders.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('DecisionStore on the embedded DynamoDB store', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.close());

  it("finds a decision stored in a chat turn and one stored by a live-chat routing the same way, through the decision's conversation, and lists neither in a site-wide index that only one of them would be in", async () => {
    const conversations = new DynamoDbConversationStore(store.doc, store.tableName);
    const decisions = new DynamoDbDecisionStore(store.doc, store.tableName);
    const siteKey = 'decision-index-site';
    const chatRouted = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7D1', siteKey });
    const liveRouted = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7D2', siteKey });
    await conversations.create(chatRouted, aTurn({ seq: 0 }));
    await conversations.create(liveRouted, aTurn({ seq: 0 }));
    const inTurn = aRoutingDecision({ conversationId: chatRouted.id, siteKey, decidedAt: '2026-11-26T10:00:00.000Z' });
    const outsideTurn = aRoutingDecision({
      conversationId: liveRouted.id,
      siteKey,
      decidedAt: '2026-11-26T10:00:01.000Z',
    });

    await conversations.appendTurn(chatRouted.id, aTurn({ seq: 1 }), [], undefined, inTurn);
    await decisions.save(outsideTurn);

    expect(await decisions.get(chatRouted.id)).toEqual(inTurn);
    expect(await decisions.get(liveRouted.id)).toEqual(outsideTurn);
    const { Items } = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `SITE#${siteKey}#DECISIONS` },
      }),
    );
    expect(Items).toEqual([]);
  });
});
