import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb/conversation-store.dynamodb.js';
import { TurnAlreadyTakenError } from '../../functions/ports/conversation-store.js';
import { DynamoDbDecisionStore } from '../../functions/adapters/dynamodb/decision-store.dynamodb.js';
import { aConversation, aRoutingDecision, aTurn } from '../fixtures/builders.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('ConversationStore on the embedded DynamoDB store', () => {
  let store: TestStore;
  let conversations: DynamoDbConversationStore;
  beforeAll(async () => {
    store = await startTestStore();
    conversations = new DynamoDbConversationStore(store.doc, store.tableName);
  });
  afterAll(() => store.close());

  it('keeps every turn in order and returns the newest ones first for continuing', async () => {
    const conversation = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7A1' });
    await conversations.create(conversation, aTurn({ seq: 0 }));
    for (let seq = 1; seq <= 12; seq++)
      await conversations.appendTurn(
        conversation.id,
        aTurn({ seq, visitorText: `message ${seq}`, clientMessageId: `client-${seq}` }),
      );

    const recent = await conversations.loadRecent(conversation.id, 3);
    const all = await conversations.loadAll(conversation.id);

    expect(recent?.conversation).toEqual(conversation);
    expect(recent?.recentTurns.map((turn) => turn.seq)).toEqual([12, 11, 10]);
    expect(all?.turns.map((turn) => turn.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(all?.turns[5]).toEqual(aTurn({ seq: 5, visitorText: 'message 5', clientMessageId: 'client-5' }));
  });

  it('lets exactly one of two writers take a sequence number', async () => {
    const conversation = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7A2' });
    await conversations.create(conversation, aTurn({ seq: 0 }));

    const results = await Promise.allSettled([
      conversations.appendTurn(conversation.id, aTurn({ seq: 1, visitorText: 'first' })),
      conversations.appendTurn(conversation.id, aTurn({ seq: 1, visitorText: 'second' })),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(TurnAlreadyTakenError);
    expect((await conversations.loadAll(conversation.id))?.turns).toHaveLength(2);
  });

  it('says whether the start made its visitor, and keeps it out of the conversation read back', async () => {
    const made = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7A6' });
    const returning = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7A7' });
    await conversations.create(made, aTurn({ seq: 0 }), [], { newVisitor: true });
    await conversations.create(returning, aTurn({ seq: 0 }));

    const recent = await conversations.loadRecent(made.id, 5);
    expect(recent?.newVisitor).toBe(true);
    expect(recent?.conversation).toEqual(made);
    expect((await conversations.loadAll(made.id))?.conversation).toEqual(made);
    expect((await conversations.loadRecent(returning.id, 5))?.newVisitor).toBe(false);
  });

  it('does not create a conversation twice', async () => {
    const conversation = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7A3' });
    await conversations.create(conversation, aTurn());

    await expect(conversations.create(conversation, aTurn())).rejects.toThrow();
  });

  it("reads a conversation's latest decision from the turn that stored it or from the decision item, whichever is newer", async () => {
    const decisions = new DynamoDbDecisionStore(store.doc, store.tableName);
    const conversation = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZC3H7A4' });
    const id = conversation.id;
    await conversations.create(conversation, aTurn({ seq: 0 }));
    expect(await decisions.get(id)).toBeNull();

    const inTurn = aRoutingDecision({ conversationId: id, decidedAt: '2026-11-26T10:00:00.000Z' });
    await conversations.appendTurn(id, aTurn({ seq: 1 }), [], undefined, inTurn);
    await conversations.appendTurn(id, aTurn({ seq: 2 }));
    expect(await decisions.get(id)).toEqual(inTurn);
    // The turn reads back as it was, without the decision it carried.
    expect((await conversations.loadAll(id))?.turns[1]).toEqual(aTurn({ seq: 1 }));

    // A later routing outside a turn (live chat) writes the decision item; an earlier one does not win.
    const later = aRoutingDecision({ conversationId: id, decidedAt: '2026-11-26T10:00:00.001Z' });
    await decisions.save(later);
    expect(await decisions.get(id)).toEqual(later);
    const inLaterTurn = aRoutingDecision({ conversationId: id, decidedAt: '2026-11-26T10:05:00.000Z' });
    await conversations.appendTurn(id, aTurn({ seq: 3 }), [], undefined, inLaterTurn);
    expect(await decisions.get(id)).toEqual(inLaterTurn);
  });

  it('knows nothing of a conversation never created', async () => {
    expect(await conversations.loadAll('01JD3Q8Y8M4S0W6Q9V2ZC3H7ZZ')).toBeNull();
  });
});
