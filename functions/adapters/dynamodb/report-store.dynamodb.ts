import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReportDimension, ReportRow, ReportStore } from '../../ports/report-store.js';
import { queryAll } from './query-all.js';

const pk = (siteKey: string, dimension: ReportDimension) => `REPORT#${siteKey}#${dimension}`;
/** Counters are top-level attributes with this prefix; names come through placeholders, so any reason or rep id fits. */
const PREFIX = 'c:';

/**
 * One item per site, dimension, day and value, with one numeric attribute per counter: an event is a
 * single UpdateItem of ADDs, and a 90-day report is one query per dimension.
 */
export class DynamoDbReportStore implements ReportStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(
    siteKey: string,
    dimension: ReportDimension,
    day: string,
    value: string,
    counters: Record<string, number>,
  ): Promise<void> {
    const entries = Object.entries(counters).filter(([, amount]) => amount !== 0);
    if (entries.length === 0) return;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: pk(siteKey, dimension), sk: `${day}#${value}` },
        UpdateExpression: `SET #type = :type ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: {
          '#type': 'type',
          ...Object.fromEntries(entries.map(([name], i) => [`#c${i}`, `${PREFIX}${name}`])),
        },
        ExpressionAttributeValues: {
          ':type': 'report-row',
          ...Object.fromEntries(entries.map(([, amount], i) => [`:c${i}`, amount])),
        },
      }),
    );
  }

  async read(siteKey: string, dimension: ReportDimension, fromDay: string, toDay: string): Promise<ReportRow[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk(siteKey, dimension), ':from': fromDay, ':to': `${toDay}#~` },
    });
    return items.map((item) => {
      const sk = String(item.sk);
      const counters: Record<string, number> = {};
      for (const [name, amount] of Object.entries(item))
        if (name.startsWith(PREFIX)) counters[name.slice(PREFIX.length)] = Number(amount);
      return { day: sk.slice(0, 10), value: sk.slice(11), counters };
    });
  }
}
