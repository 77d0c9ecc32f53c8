import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import { appendOutbox } from './outbox.dynamodb.js';
import type { RoutingDecision } from '../../core/routing/routing-decision.js';
import type { RuleEvaluation } from '../../core/routing/plan-route.js';
import type { DecisionStore } from '../../ports/decision-store.js';

/**
 * Kept in the conversation's partition: a chat turn that routes stores its decision in the turn's own item
 * (one write for both, see the conversation store's appendTurn); a routing outside a turn (live chat) in
 * the "DECISION" item, which sorts apart from the turns and the header. Every decision is found through its
 * conversation, and a site's decisions through its conversations (listConversations): no site-wide index
 * lists them, since one written for the "DECISION" item alone would miss every decision made in a turn.
 */
const key = (conversationId: string) => ({ pk: `CONV#${conversationId}`, sk: 'DECISION' });

/** The conversation's latest decision among its items that hold one (turns and the DECISION item). */
export function latestDecision(items: readonly Record<string, unknown>[]): RoutingDecision | null {
  let latest: RoutingDecision | EarlierRecord | null = null;
  for (const item of items) {
    const decision = item.decision as RoutingDecision | EarlierRecord | undefined;
    if (decision && (!latest || decision.decidedAt > latest.decidedAt)) latest = decision;
  }
  return latest ? fromItem(latest) : null;
}

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
        UpdateExpression: `SET #type = :type, #decision = :decision${outbox.set.map((part) => `, ${part}`).join('')}`,
        ExpressionAttributeNames: { '#type': 'type', '#decision': 'decision', ...outbox.names },
        ExpressionAttributeValues: {
          ':type': 'routing-decision',
          ':decision': decision,
          ...outbox.values,
        },
      }),
    );
  }

  async get(conversationId: string): Promise<RoutingDecision | null> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'attribute_exists(#decision)',
      ProjectionExpression: '#decision',
      ExpressionAttributeNames: { '#decision': 'decision' },
      ExpressionAttributeValues: { ':pk': key(conversationId).pk },
    });
    return latestDecision(items);
  }
}

/** Records written before decisions kept a facts snapshot held a six-fact summary and the rules' text instead. */
interface EarlierRecord extends Omit<RoutingDecision, 'facts'> {
  facts: {
    score: number;
    stage: string;
    qualifies: boolean;
    accountOwner: string | null;
    employees: number | null;
    country: string | null;
  };
  rules: RuleEvaluation[];
}

function fromItem(stored: RoutingDecision | EarlierRecord): RoutingDecision {
  if (!('rules' in stored)) return stored;
  const { rules, facts, ...rest } = stored;
  return {
    ...rest,
    storedRules: rules,
    facts: {
      score: facts.score,
      stage: facts.stage,
      qualifies: facts.qualifies,
      'account.owner': facts.accountOwner,
      'company.employees': facts.employees,
      'geo.country': facts.country,
      answers: {},
    },
  };
}
