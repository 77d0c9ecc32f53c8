import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RoutingDecision } from '../../core/routing/routing-decision.js';
import type { DecisionStore } from '../../ports/decision-store.js';

/** Kept in the conversation's partition; "DECISION" sorts apart from the turns and the header. */
const key = (conversationId: string) => ({ pk: `CONV#${conversationId}`, sk: 'DECISION' });

export class DynamoDbDecisionStore implements DecisionStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async save(decision: RoutingDecision): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key(decision.conversationId), type: 'routing-decision', gsi1pk: `SITE#${decision.siteKey}#DECISIONS`, gsi1sk: `${decision.decidedAt}#${decision.conversationId}`, decision },
      }),
    );
  }

  async get(conversationId: string): Promise<RoutingDecision | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(conversationId) }));
    return Item ? (Item.decision as RoutingDecision) : null;
  }
}
