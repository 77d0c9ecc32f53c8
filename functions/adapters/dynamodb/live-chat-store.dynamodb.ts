import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { LiveChat } from '../../core/live-chat/live-chat.js';
import type { PresenceSetting } from '../../core/live-chat/presence.js';
import type { LiveChatStore, RepDesk } from '../../ports/live-chat-store.js';
import { queryAll } from './query-all.js';

const sitePk = (siteKey: string) => `LIVE#${siteKey}`;
const deskSk = (repId: string) => `DESK#${repId}`;
const chatSk = (conversationId: string) => `CHAT#${conversationId}`;

/** The sparse index line a chat is listed on: the site's waiting line, or the rep it is with. */
function lineOf(chat: LiveChat): { gsi1pk: string; gsi1sk: string } {
  const gsi1sk = `${chat.requestedAt}#${chat.conversationId}`;
  if (chat.status === 'waiting') return { gsi1pk: `${sitePk(chat.siteKey)}#WAITING`, gsi1sk };
  if (chat.repId !== null) return { gsi1pk: `${sitePk(chat.siteKey)}#REP#${chat.repId}`, gsi1sk };
  return { gsi1pk: `${sitePk(chat.siteKey)}#UNSERVED`, gsi1sk };
}

const CHAT_FIELDS = [
  'conversationId',
  'siteKey',
  'visitorId',
  'status',
  'candidates',
  'passed',
  'repId',
  'requestedAt',
  'offerExpiresAt',
  'acceptedAt',
  'firstResponseAt',
  'endedAt',
  'toldToWait',
  'version',
] as const satisfies ReadonlyArray<keyof LiveChat>;

function toChat(item: Record<string, unknown>): LiveChat {
  return Object.fromEntries(CHAT_FIELDS.map((field) => [field, item[field] ?? null])) as unknown as LiveChat;
}

/**
 * Presence, capacity and live chats in the site's partition. Capacity is an atomic counter with a
 * conditional ADD; every chat move is a write conditional on the version it was read at, so a
 * waiting visitor is never handed to two reps and no rep goes over the limit.
 */
export class DynamoDbLiveChatStore implements LiveChatStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async setPresence(siteKey: string, repId: string, setting: PresenceSetting, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: sitePk(siteKey), sk: deskSk(repId) },
        UpdateExpression: 'SET setting = :setting, setAt = :at, repId = :repId, #load = if_not_exists(#load, :zero)',
        ExpressionAttributeNames: { '#load': 'load' },
        ExpressionAttributeValues: { ':setting': setting, ':at': at, ':repId': repId, ':zero': 0 },
      }),
    );
  }

  async listDesks(siteKey: string): Promise<RepDesk[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :desk)',
      ExpressionAttributeValues: { ':pk': sitePk(siteKey), ':desk': 'DESK#' },
      ConsistentRead: true,
    });
    return items.map((item) => ({
      repId: String(item.sk).slice('DESK#'.length),
      setting: (item.setting as PresenceSetting | undefined) ?? null,
      setAt: (item.setAt as string | undefined) ?? null,
      load: Number(item.load ?? 0),
    }));
  }

  async claimCapacity(siteKey: string, repId: string, limit: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: sitePk(siteKey), sk: deskSk(repId) },
          UpdateExpression: 'ADD #load :one',
          ConditionExpression: 'attribute_not_exists(#load) OR #load < :limit',
          ExpressionAttributeNames: { '#load': 'load' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseCapacity(siteKey: string, repId: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: sitePk(siteKey), sk: deskSk(repId) },
          UpdateExpression: 'ADD #load :minus',
          ConditionExpression: '#load > :zero',
          ExpressionAttributeNames: { '#load': 'load' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async create(chat: LiveChat): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: sitePk(chat.siteKey),
            sk: chatSk(chat.conversationId),
            type: 'live-chat',
            ...chat,
            ...lineOf(chat),
          },
          // A conversation may ask again once its earlier request is over.
          ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:ended, :unavailable)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':ended': 'ended', ':unavailable': 'unavailable' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(siteKey: string, conversationId: string): Promise<LiveChat | null> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: sitePk(siteKey), sk: chatSk(conversationId) },
        ConsistentRead: true,
      }),
    );
    return Item ? toChat(Item) : null;
  }

  async update(chat: LiveChat): Promise<boolean> {
    const values = { ...chat, ...lineOf(chat) } as Record<string, unknown>;
    const fields = [
      ...CHAT_FIELDS.filter((field) => field !== 'conversationId' && field !== 'siteKey'),
      'gsi1pk',
      'gsi1sk',
    ];
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: sitePk(chat.siteKey), sk: chatSk(chat.conversationId) },
          UpdateExpression: `SET ${fields.map((field) => `#${field} = :${field}`).join(', ')}`,
          ConditionExpression: '#version = :read',
          ExpressionAttributeNames: Object.fromEntries(fields.map((field) => [`#${field}`, field])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(fields.map((field) => [`:${field}`, values[field] ?? null])),
            ':read': chat.version - 1,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listWaiting(siteKey: string): Promise<LiveChat[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :line',
      ExpressionAttributeValues: { ':line': `${sitePk(siteKey)}#WAITING` },
    });
    // The index lags the table: every reader re-checks the chat before moving it.
    return items.map(toChat).filter((chat) => chat.status === 'waiting');
  }

  async listForRep(siteKey: string, repId: string, limit: number): Promise<LiveChat[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :line',
        ExpressionAttributeValues: { ':line': `${sitePk(siteKey)}#REP#${repId}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(toChat).filter((chat) => chat.repId === repId);
  }

  async touchTyping(siteKey: string, conversationId: string, who: 'visitor' | 'rep', at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: sitePk(siteKey), sk: chatSk(conversationId) },
          UpdateExpression: 'SET #typing = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#typing': `${who}TypingAt` },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async typing(siteKey: string, conversationId: string): Promise<{ visitor: string | null; rep: string | null }> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: sitePk(siteKey), sk: chatSk(conversationId) } }),
    );
    return {
      visitor: (Item?.visitorTypingAt as string | undefined) ?? null,
      rep: (Item?.repTypingAt as string | undefined) ?? null,
    };
  }
}
