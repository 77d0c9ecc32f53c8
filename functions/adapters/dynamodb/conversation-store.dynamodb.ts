import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Conversation, Turn } from '../../core/conversation/conversation.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { RoutingDecision } from '../../core/routing/routing-decision.js';
import { outboxAttributes } from './outbox.dynamodb.js';
import { queryAll } from './query-all.js';
import { isExpired } from '../../core/privacy/retention.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import {
  TurnAlreadyTakenError,
  type ConversationSnapshot,
  type ConversationStore,
} from '../../ports/conversation-store.js';

// Turns sort before the header item ("~" > "T"), so one descending query returns the header and the newest turns.
const HEADER_SK = '~CONVERSATION';
const turnSk = (seq: number) => `TURN#${String(seq).padStart(6, '0')}`;
const conversationPk = (id: string) => `CONV#${id}`;

export class DynamoDbConversationStore implements ConversationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Expired conversations are filtered on read: DynamoDB's TTL deletes lazily, the embedded store never. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    conversation: Conversation,
    openingTurn: Turn,
    events: readonly DomainEvent[] = [],
    options: { newVisitor?: boolean } = {},
  ): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: conversationPk(conversation.id),
          sk: HEADER_SK,
          gsi1pk: siteConversationsPk(conversation.siteKey),
          gsi1sk: `${conversation.startedAt}#${conversation.id}`,
          type: 'conversation',
          ...conversation,
          ...(options.newVisitor ? { newVisitor: true } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await this.appendTurn(conversation.id, openingTurn, events, conversation.expiresAt);
  }

  async loadRecent(conversationId: string, turns: number): Promise<ConversationSnapshot | null> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': conversationPk(conversationId) },
        ScanIndexForward: false,
        Limit: turns + 1,
      }),
    );
    const [header, ...rest] = Items;
    if (header?.sk !== HEADER_SK || this.expired(header)) return null;
    return {
      conversation: toConversation(header),
      recentTurns: rest.filter((item) => String(item.sk).startsWith('TURN#')).map(toTurn),
      newVisitor: header.newVisitor === true,
    };
  }

  async loadAll(conversationId: string): Promise<{ conversation: Conversation; turns: Turn[] } | null> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': conversationPk(conversationId) },
    });
    const header = items.find((item) => item.sk === HEADER_SK);
    if (!header || this.expired(header)) return null;
    return {
      conversation: toConversation(header),
      turns: items.filter((item) => String(item.sk).startsWith('TURN#')).map(toTurn),
    };
  }

  async listBySite(
    siteKey: string,
    range: { from?: string | undefined; to?: string | undefined },
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ conversations: Conversation[]; nextCursor: string | null }> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': siteConversationsPk(siteKey),
          ':from': range.from ?? '',
          ':to': range.to ?? '~',
        },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { attribute: 'gsi1pk', value: siteConversationsPk(siteKey) }, [
          'pk',
          'sk',
          'gsi1pk',
          'gsi1sk',
        ]),
      }),
    );
    return {
      conversations: Items.filter((item) => !this.expired(item)).map(toConversation),
      nextCursor: encodeCursor(LastEvaluatedKey),
    };
  }

  async appendTurn(
    conversationId: string,
    turn: Turn,
    events: readonly DomainEvent[] = [],
    expiresAt?: number,
    decision?: RoutingDecision,
  ): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: conversationPk(conversationId),
            sk: turnSk(turn.seq),
            type: 'turn',
            ...turn,
            ...(expiresAt === undefined ? {} : { expiresAt }),
            ...(decision ? { decision } : {}),
            ...outboxAttributes(events),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new TurnAlreadyTakenError(conversationId, turn.seq);
      throw error;
    }
  }

  private expired(item: Record<string, unknown>): boolean {
    return isExpired(item.expiresAt as number | undefined, this.clock());
  }
}

export const siteConversationsPk = (siteKey: string) => `SITE#${siteKey}#CONVERSATIONS`;

function toConversation(item: Record<string, unknown>): Conversation {
  const { id, siteKey, visitorId, language, playbookId, startedAt, rulebookVersion, consent, expiresAt } =
    item as unknown as Conversation;
  return {
    id,
    siteKey,
    visitorId,
    language,
    playbookId,
    startedAt,
    rulebookVersion,
    ...(consent ? { consent } : {}),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

function toTurn(item: Record<string, unknown>): Turn {
  const { seq, at, clientMessageId, visitorText, replies, state, rep } = item as unknown as Turn;
  return {
    seq,
    at,
    clientMessageId: clientMessageId ?? null,
    visitorText: visitorText ?? null,
    replies,
    state,
    ...(rep ? { rep } : {}),
  };
}
