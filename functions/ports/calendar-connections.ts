/** OAuth tokens of a rep's connected Google or Microsoft calendar. */
export interface CalendarConnection {
  connectionId: string;
  provider: 'google' | 'microsoft';
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  refreshToken: string;
}

export interface CalendarConnections {
  get(connectionId: string): Promise<CalendarConnection | null>;
  put(connection: CalendarConnection): Promise<void>;
}
