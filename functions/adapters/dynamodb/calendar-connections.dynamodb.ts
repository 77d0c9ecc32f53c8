import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CalendarConnection, CalendarConnections } from '../../ports/calendar-connections.js';

const key = (connectionId: string) => ({ pk: `CALENDAR-CONNECTION#${connectionId}`, sk: 'TOKENS' });

export class DynamoDbCalendarConnections implements CalendarConnections {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(connectionId: string): Promise<CalendarConnection | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(connectionId) }));
    return Item ? (Item.connection as CalendarConnection) : null;
  }

  async put(connection: CalendarConnection): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key(connection.connectionId), type: 'calendar-connection', connection },
      }),
    );
  }
}
