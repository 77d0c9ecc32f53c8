import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { VisitorProfile } from '../../core/visitors/visitor-profile.js';
import { appendOutbox } from './outbox.dynamodb.js';
import { isExpired } from '../../core/privacy/retention.js';
import { VisitorChangedError, type VisitorStore } from '../../ports/visitor-store.js';

const key = (visitorId: string) => ({ pk: `VISITOR#${visitorId}`, sk: 'PROFILE' });

export class DynamoDbVisitorStore implements VisitorStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Expired profiles are filtered on read: DynamoDB's TTL deletes lazily, the embedded store never. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async get(visitorId: string): Promise<VisitorProfile | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(visitorId) }));
    return Item && !isExpired(Item.expiresAt as number | undefined, this.clock())
      ? (Item.profile as VisitorProfile)
      : null;
  }

  async save(profile: VisitorProfile, events: readonly DomainEvent[] = []): Promise<void> {
    const first = profile.version === 1;
    const outbox = appendOutbox(events);
    const ttl = profile.expiresAt !== undefined;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(profile.visitorId),
          // Lists a site's visitors by recency (gsi1): the population a rulebook draft is simulated against.
          UpdateExpression: `SET #type = :type, gsi1pk = :g1, gsi1sk = :g2, #version = :version, #profile = :profile${ttl ? ', #expiresAt = :expiresAt' : ''}${outbox.set.map((part) => `, ${part}`).join('')}`,
          // A new profile may replace an expired one the TTL has not deleted yet.
          ConditionExpression: first ? 'attribute_not_exists(pk) OR #expiresAt <= :now' : '#version = :expected',
          ExpressionAttributeNames: {
            '#type': 'type',
            '#version': 'version',
            '#profile': 'profile',
            ...(ttl || first ? { '#expiresAt': 'expiresAt' } : {}),
            ...outbox.names,
          },
          ExpressionAttributeValues: {
            ':type': 'visitor',
            ':g1': `SITE#${profile.siteKey}#VISITORS`,
            ':g2': `${profile.lastSeenAt}#${profile.visitorId}`,
            ':version': profile.version,
            ':profile': profile,
            ...(first ? { ':now': Math.floor(this.clock().getTime() / 1000) } : { ':expected': profile.version - 1 }),
            ...(ttl ? { ':expiresAt': profile.expiresAt } : {}),
            ...outbox.values,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VisitorChangedError(profile.visitorId);
      throw error;
    }
  }

  async mergeAnswers(visitorId: string, answers: Record<string, string>, at: string): Promise<boolean> {
    const entries = Object.entries(answers);
    if (entries.length === 0) return true;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(visitorId),
          UpdateExpression: `SET ${entries.map((_, i) => `#profile.#answers.#a${i} = :a${i}`).join(', ')}, #profile.#lastSeenAt = :at, #profile.#version = #version + :one, #version = #version + :one`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: {
            '#profile': 'profile',
            '#answers': 'answers',
            '#lastSeenAt': 'lastSeenAt',
            '#version': 'version',
            ...Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
          },
          ExpressionAttributeValues: {
            ':at': at,
            ':one': 1,
            ...Object.fromEntries(entries.map(([, value], i) => [`:a${i}`, value])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async *pagesSeenSince(siteKey: string, since: string): AsyncIterable<VisitorProfile[]> {
    const read = (startKey: Record<string, unknown> | undefined) => {
      const reading = this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
          ExpressionAttributeValues: { ':pk': `SITE#${siteKey}#VISITORS`, ':since': since },
          // The profile and its expiry only: the keys and outbox stay in the store.
          ProjectionExpression: '#profile, #expiresAt',
          ExpressionAttributeNames: { '#profile': 'profile', '#expiresAt': 'expiresAt' },
          ExclusiveStartKey: startKey,
        }),
      );
      // Awaited on the next round; a caller that stops early leaves it unread, not unhandled.
      reading.catch(() => undefined);
      return reading;
    };
    let next: ReturnType<typeof read> | null = read(undefined);
    while (next) {
      const page: Awaited<ReturnType<typeof read>> = await next;
      // The next page is read while the caller works on this one: two pages in memory at most.
      next = page.LastEvaluatedKey ? read(page.LastEvaluatedKey) : null;
      const live = (page.Items ?? []).filter((item) => !isExpired(item.expiresAt as number | undefined, this.clock()));
      if (live.length) yield live.map((item) => item.profile as VisitorProfile);
    }
  }
}
