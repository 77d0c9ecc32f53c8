import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DomainEvent } from '../../core/events/domain-event.js';
import { CrmError, type EventWebhook } from '../../ports/crm.js';

/**
 * The verification recipe for receivers: take the raw body and the X-Baton-Timestamp header, compute
 * HMAC-SHA256 over `${timestamp}.${body}` with the shared secret, hex-encode it, compare it in
 * constant time with the X-Baton-Signature header after its "v1=" prefix, and refuse timestamps
 * older than five minutes (replays).
 */
function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class SignedWebhook implements EventWebhook {
  readonly name = 'webhook';

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
    private readonly fetcher: typeof fetch = globalThis.fetch,
  ) {}

  async deliver(event: DomainEvent): Promise<void> {
    const body = JSON.stringify({
      id: event.id,
      source: event.source,
      'detail-type': event.detailType,
      time: event.time,
      version: event.version,
      siteKey: event.siteKey,
      detail: event.detail,
    });
    const timestamp = String(Math.floor(this.now() / 1000));
    let response: Response;
    try {
      response = await this.fetcher(this.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Baton-Event-Id': event.id,
          'X-Baton-Timestamp': timestamp,
          'X-Baton-Signature': signWebhook(this.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw new CrmError(this.name, null, true, `unreachable: ${(error as Error).message}`);
    }
    if (response.ok) return;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new CrmError(
      this.name,
      response.status,
      response.status === 429 || response.status >= 500,
      `answered ${response.status}`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
}
