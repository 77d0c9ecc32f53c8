import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CalendarConnection, CalendarConnections } from '../../ports/calendar-connections.js';
import type { TokenCipher } from '../../ports/token-cipher.js';

const key = (connectionId: string) => ({ pk: `CALENDAR-CONNECTION#${connectionId}`, sk: 'TOKENS' });

/**
 * A rep's calendar tokens, both sealed with the token cipher (bound to the connection id): the item holds
 * no token in plain text. An item written before sealing (no `sealed` mark) is read as it is, and sealed
 * at its next write (the next token refresh, within the access token's hour).
 */
export class DynamoDbCalendarConnections implements CalendarConnections {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cipher: TokenCipher,
  ) {}

  async get(connectionId: string): Promise<CalendarConnection | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(connectionId) }));
    if (!Item) return null;
    const stored = Item.connection as CalendarConnection;
    if (Item.sealed !== 'v1') return stored;
    const [accessToken, refreshToken] = await Promise.all([
      this.cipher.open(stored.accessToken, connectionId),
      this.cipher.open(stored.refreshToken, connectionId),
    ]);
    return { ...stored, accessToken, refreshToken };
  }

  async put(connection: CalendarConnection): Promise<void> {
    const { connectionId } = connection;
    const [accessToken, refreshToken] = await Promise.all([
      this.cipher.seal(connection.accessToken, connectionId),
      this.cipher.seal(connection.refreshToken, connectionId),
    ]);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(connectionId),
          type: 'calendar-connection',
          sealed: 'v1',
          connection: { ...connection, accessToken, refreshToken },
        },
      }),
    );
  }
}
