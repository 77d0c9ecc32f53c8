import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../core/events/domain-event.js';
import { appendOutbox } from './outbox.dynamodb.js';
import type { RoutingDecision } from '../../core/routing/routing-decision.js';
import type { DecisionStore } from '../../ports/decision-store.js';

/** Kept in the conversation's partition; "DECISION" sorts apart from the turns and the header. */
const key = (conversationId: string) => ({ pk: `CONV#${conversationId}`, sk: 'DECISION' });

export class DynamoDbDecisionStore implements DecisionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(decision: RoutingDecision, events: readonly DomainEvent[] = []): Promise<void> {
    const outbox = appendOutbox(events);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(decision.conversationId),
        UpdateExpression: `SET #type = :type, gsi1pk = :g1, gsi1sk = :g2, #decision = :decision${outbox.set.map((part) => `, ${part}`).join('')}`,
        ExpressionAttributeNames: { '#type': 'type', '#decision': 'decision', ...outbox.names },
        ExpressionAttributeValues: {
          ':type': 'routing-decision',
          ':g1': `SITE#${decision.siteKey}#DECISIONS`,
          ':g2': `${decision.decidedAt}#${decision.conversationId}`,
          ':decision': decision,
          ...outbox.values,
        },
      }),
    );
  }

  async get(conversationId: string): Promise<RoutingDecision | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(conversationId) }));
    return Item ? (Item.decision as RoutingDecision) : null;
  }
}
