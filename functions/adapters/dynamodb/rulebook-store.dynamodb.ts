import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { installPatternEngine, isPatternEngineInstalled } from '../../core/routing/pattern-engine.js';
import type { Rulebook } from '../../core/rulebook/rulebook.js';
import {
  asRulebook,
  type RulebookDraft,
  type RulebookHistoryEntry,
  type RulebookVersion,
} from '../../core/rulebook/rulebook-lifecycle.js';
import type { PendingRollback } from '../../core/rulebook/sign-rollback.js';
import { StaleRulebookError, type RulebookStore } from '../../ports/rulebook-store.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import { outboxAttributes } from './outbox.dynamodb.js';
import { queryAll } from './query-all.js';

const pk = (siteKey: string) => `SITE#${siteKey}`;
const LIVE = 'RULEBOOK#LIVE';
// Entries written in the same millisecond keep their order.
const ulid = monotonicFactory();
const DRAFT = 'RULEBOOK#DRAFT';
const ROLLBACK = 'RULEBOOK#ROLLBACK';
const versionSk = (version: number) => `RULEBOOK#V#${String(version).padStart(6, '0')}`;

/**
 * A rulebook with a `matches` condition needs the pattern engine to be parsed or routed with; the engine
 * (re2js) is its own chunk in the Lambda bundles, loaded here the first time such a rulebook is read.
 * A rule's text that merely says "matches" loads it too, which costs a little time and nothing else.
 */
async function loadPatternEngineFor(stored: unknown): Promise<void> {
  if (isPatternEngineInstalled() || !JSON.stringify(stored).includes('"matches"')) return;
  const { re2jsPatternEngine } = await import('../../core/routing/re2js-pattern-engine.js');
  installPatternEngine(re2jsPatternEngine);
}

/**
 * The rulebook's schema (conditions, playbooks, scoring model, handoff policy) is read with the first live
 * rulebook that misses the cache, not at a cold start: a visitor function's import skips building it.
 */
const rulebookSchema = () => import('../../core/rulebook/rulebook.js');

/**
 * Versions are immutable items; the live pointer is one item holding the live version number and a
 * copy of its content, so publishing and rolling back are each a single conditional write.
 */
export class DynamoDbRulebookStore implements RulebookStore {
  private readonly versionCache = new Map<string, Rulebook>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getLive(siteKey: string): Promise<Rulebook | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(siteKey), sk: LIVE } }),
    );
    if (!Item) return null;
    // The live item is a copy of an immutable version: a version parsed once is not parsed again (a
    // 500-rule rulebook takes milliseconds), and later reads of that version need no call.
    const cached = this.versionCache.get(`${siteKey}#${Item.version}`);
    if (cached) return cached;
    const [{ Rulebook: schema }] = await Promise.all([rulebookSchema(), loadPatternEngineFor(Item.rulebook)]);
    const rulebook = schema.parse(Item.rulebook);
    this.versionCache.set(`${siteKey}#${rulebook.version}`, rulebook);
    return rulebook;
  }

  async getVersion(siteKey: string, version: number): Promise<Rulebook | null> {
    const cacheKey = `${siteKey}#${version}`;
    const cached = this.versionCache.get(cacheKey);
    if (cached) return cached;
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(siteKey), sk: versionSk(version) } }),
    );
    if (!Item) return null;
    await loadPatternEngineFor(Item.record);
    const rulebook = asRulebook(Item.record as RulebookVersion);
    this.versionCache.set(cacheKey, rulebook);
    return rulebook;
  }

  async putLiveIfAbsent(siteKey: string, rulebook: Rulebook, publishedAt: string): Promise<boolean> {
    const { version, ...content } = rulebook;
    const record: RulebookVersion = {
      version,
      content,
      contentHash: 'seed',
      publishedAt,
      signatures: [],
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(siteKey), sk: LIVE, version, rulebook },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: pk(siteKey), sk: versionSk(version), type: 'rulebook-version', record },
      }),
    );
    return true;
  }

  async getDraft(siteKey: string): Promise<RulebookDraft | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(siteKey), sk: DRAFT } }),
    );
    if (!Item) return null;
    await loadPatternEngineFor(Item.draft);
    return Item.draft as RulebookDraft;
  }

  async saveDraft(siteKey: string, draft: RulebookDraft): Promise<void> {
    const first = draft.revision === 1;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(siteKey), sk: DRAFT, type: 'rulebook-draft', revision: draft.revision, draft },
          ConditionExpression: first ? 'attribute_not_exists(pk)' : 'revision = :previous',
          ...(first ? {} : { ExpressionAttributeValues: { ':previous': draft.revision - 1 } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleRulebookError('the draft');
      throw error;
    }
  }

  async deleteDraft(siteKey: string, revision: number): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: pk(siteKey), sk: DRAFT },
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeValues: { ':revision': revision },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleRulebookError('the draft');
      throw error;
    }
  }

  async getPendingRollback(siteKey: string): Promise<PendingRollback | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(siteKey), sk: ROLLBACK }, ConsistentRead: true }),
    );
    return Item ? (Item.rollback as PendingRollback) : null;
  }

  async savePendingRollback(siteKey: string, rollback: PendingRollback): Promise<void> {
    const first = rollback.revision === 1;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(siteKey), sk: ROLLBACK, type: 'rulebook-rollback', revision: rollback.revision, rollback },
          ConditionExpression: first ? 'attribute_not_exists(pk)' : 'revision = :previous',
          ...(first ? {} : { ExpressionAttributeValues: { ':previous': rollback.revision - 1 } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleRulebookError('the pending rollback');
      throw error;
    }
  }

  async deletePendingRollback(siteKey: string, revision: number): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: pk(siteKey), sk: ROLLBACK },
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeValues: { ':revision': revision },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleRulebookError('the pending rollback');
      throw error;
    }
  }

  async listVersions(siteKey: string): Promise<RulebookVersion[]> {
    const items = await this.queryPrefix(siteKey, 'RULEBOOK#V#');
    return items.map((item) => item.record as RulebookVersion);
  }

  async publish(
    siteKey: string,
    version: RulebookVersion,
    expectedLive: number,
    events: readonly DomainEvent[] = [],
  ): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: pk(siteKey),
            sk: versionSk(version.version),
            type: 'rulebook-version',
            record: version,
            ...outboxAttributes(events),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleRulebookError(`version ${version.version}`);
      throw error;
    }
    await this.switchLive(siteKey, version, expectedLive);
  }

  async pointLiveTo(siteKey: string, version: RulebookVersion, expectedLive: number): Promise<void> {
    await this.switchLive(siteKey, version, expectedLive);
  }

  async appendHistory(
    siteKey: string,
    entry: RulebookHistoryEntry,
    events: readonly DomainEvent[] = [],
  ): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: pk(siteKey),
          sk: `RULEBOOK#H#${entry.at}#${ulid()}`,
          type: 'rulebook-history',
          entry,
          ...outboxAttributes(events),
        },
      }),
    );
  }

  async listHistory(siteKey: string): Promise<RulebookHistoryEntry[]> {
    return (await this.queryPrefix(siteKey, 'RULEBOOK#H#')).map((item) => item.entry as RulebookHistoryEntry);
  }

  private async switchLive(siteKey: string, version: RulebookVersion, expectedLive: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(siteKey), sk: LIVE, version: version.version, rulebook: asRulebook(version) },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedLive },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new StaleRulebookError('the live rulebook');
      throw error;
    }
  }

  private async queryPrefix(siteKey: string, prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk(siteKey), ':prefix': prefix },
    });
  }
}
