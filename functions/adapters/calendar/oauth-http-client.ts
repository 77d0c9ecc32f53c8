import { z } from 'zod';
import type { CalendarConnections } from '../../ports/calendar-connections.js';

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().optional(),
});

export interface OAuthClientOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  connections: CalendarConnections;
  fetch?: typeof fetch;
  now?: () => number;
  /** Attempts for one call when the service answers 429 or 5xx. */
  attempts?: number;
  /** Upper bound of one wait between attempts, whatever Retry-After asks. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

class CalendarApiError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
    this.name = 'CalendarApiError';
  }
}

/**
 * Calls a calendar API for a connection: refreshes the access token when it has expired or the API
 * says 401, and retries 429 and 5xx with backoff, honouring Retry-After within a bound.
 */
export class OAuthHttpClient {
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: OAuthClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async request(connectionId: string, url: string, init: { method: string; body?: unknown }): Promise<unknown> {
    const attempts = this.options.attempts ?? 4;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken(connectionId, false);
      const response = await this.call(url, init, token);
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        await this.accessToken(connectionId, true);
        attempt--;
        continue;
      }
      if ((response.status === 429 || response.status >= 500) && attempt < attempts) {
        await this.sleep(this.waitFor(response, attempt));
        continue;
      }
      if (!response.ok) throw new CalendarApiError(response.status, `calendar API answered ${response.status}`);
      if (response.status === 204) return null;
      try {
        return await response.json();
      } catch {
        throw new CalendarApiError(response.status, 'calendar API answered with a body that is not JSON');
      }
    }
  }

  private call(url: string, init: { method: string; body?: unknown }, token: string): Promise<Response> {
    return this.fetch(url, {
      method: init.method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(5000),
    });
  }

  private waitFor(response: Response, attempt: number): number {
    const retryAfter = Number(response.headers.get('retry-after'));
    const wanted = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 200 * 2 ** (attempt - 1);
    return Math.min(wanted, this.options.maxWaitMs ?? 5000);
  }

  private async accessToken(connectionId: string, force: boolean): Promise<string> {
    const connection = await this.options.connections.get(connectionId);
    if (!connection) throw new CalendarApiError(404, `no calendar connection "${connectionId}"`);
    // Refresh a minute early so a token does not expire on its way.
    if (!force && connection.expiresAt - 60_000 > this.now()) return connection.accessToken;
    const response = await this.fetch(this.options.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: connection.refreshToken,
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
      }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok)
      throw new CalendarApiError(
        response.status,
        `token refresh refused with ${response.status}; the rep must reconnect the calendar`,
      );
    const parsed = TokenResponse.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new CalendarApiError(502, 'token refresh answered with an unexpected body');
    await this.options.connections.put({
      ...connection,
      accessToken: parsed.data.access_token,
      expiresAt: this.now() + parsed.data.expires_in * 1000,
      refreshToken: parsed.data.refresh_token ?? connection.refreshToken,
    });
    return parsed.data.access_token;
  }
}
