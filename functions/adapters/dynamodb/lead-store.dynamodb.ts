import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Lead } from '../../core/funnel/lead.js';
import { LeadChangedError, type LeadFilter, type LeadPage, type LeadStore } from '../../ports/lead-store.js';
import { appendOutbox } from './outbox.dynamodb.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

const key = (siteKey: string, visitorId: string) => ({ pk: `LEAD#${siteKey}#${visitorId}`, sk: 'LEAD' });
const listPk = (siteKey: string) => `SITE#${siteKey}#LEADS`;
/** A filtered listing reads at most this many pages before answering with a cursor. */
const MAX_READS = 10;

/**
 * A lead is one item, written with a conditional update on its version; its events ride in the same
 * write (the outbox). A site's leads are listed newest first through gsi1; the filter fields are
 * top-level attributes so the query can filter on them.
 */
export class DynamoDbLeadStore implements LeadStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(siteKey: string, visitorId: string): Promise<Lead | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(siteKey, visitorId) }));
    return Item ? (Item.lead as Lead) : null;
  }

  async save(lead: Lead, events: readonly DomainEvent[] = []): Promise<void> {
    const first = lead.version === 1;
    const outbox = appendOutbox(events);
    const fields: Record<string, unknown> = {
      type: 'lead',
      gsi1pk: listPk(lead.siteKey),
      gsi1sk: `${lead.createdAt}#${lead.visitorId}`,
      stage: lead.stage,
      ownerRepId: lead.ownerRepId ?? '-',
      queue: lead.queue ?? '-',
      source: lead.source ?? '-',
      version: lead.version,
      lead,
    };
    const names = Object.fromEntries(Object.keys(fields).map((name) => [`#${name}`, name]));
    const values = Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value]));
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(lead.siteKey, lead.visitorId),
          UpdateExpression: `SET ${[...Object.keys(fields).map((name) => `#${name} = :${name}`), ...outbox.set].join(', ')}`,
          ConditionExpression: first ? 'attribute_not_exists(pk)' : '#version = :expected',
          ExpressionAttributeNames: { ...names, ...outbox.names },
          ExpressionAttributeValues: {
            ...values,
            ...(first ? {} : { ':expected': lead.version - 1 }),
            ...outbox.values,
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new LeadChangedError(lead.visitorId);
      throw error;
    }
  }

  async list(
    siteKey: string,
    filter: LeadFilter,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<LeadPage> {
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pk': listPk(siteKey) };
    for (const field of ['stage', 'ownerRepId', 'queue', 'source'] as const) {
      const value = filter[field];
      if (value === undefined) continue;
      conditions.push(`#${field} = :${field}`);
      names[`#${field}`] = field;
      values[`:${field}`] = value;
    }
    // Sort keys are `createdAt#visitorId`: '#' sorts before every id character, '~' after.
    values[':from'] = filter.from ?? '';
    values[':to'] = filter.to ?? '~';
    let startKey = decodeCursor(page.cursor, { attribute: 'gsi1pk', value: listPk(siteKey) }, [
      'pk',
      'sk',
      'gsi1pk',
      'gsi1sk',
    ]);
    const leads: Lead[] = [];
    for (let reads = 0; reads < MAX_READS && leads.length < page.limit; reads++) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          Limit: page.limit - leads.length,
          ExclusiveStartKey: startKey,
        }),
      );
      leads.push(...(result.Items ?? []).map((item) => item.lead as Lead));
      startKey = result.LastEvaluatedKey as Record<string, string> | undefined;
      if (!startKey) break;
    }
    return { leads, nextCursor: encodeCursor(startKey) };
  }
}
