import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeTime } from 'ulid';
import { InvalidVisitorTokenError, type VisitorSession, type VisitorSessions } from '../../ports/visitor-sessions.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TOKEN = /^v1\.([a-z0-9][a-z0-9-]{2,62})\.([0-9A-HJKMNP-TV-Z]{26})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Five bytes as eight Crockford base-32 characters: the 40-bit halves of a conversation id's random part. */
function base32Of(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export interface HmacVisitorSessionsOptions {
  /** At least 32 bytes; the same in every function of a deployment, or tokens from one fail in another. */
  secret: Uint8Array;
  /** A token is renewed by every page view and conversation start; one unused this long expires. */
  lifetimeSeconds?: number;
}

/**
 * Visitor tokens `v1.<siteKey>.<visitorId>.<expires>.<HMAC-SHA256>` and conversation ids whose random
 * part is 40 random bits followed by 40 bits of an HMAC over the site, the visitor and the rest of the
 * id: ownership is checked with the secret alone, no read. Guessing a match takes 2^40 tries, far past
 * the rate limits.
 */
export class HmacVisitorSessions implements VisitorSessions {
  private readonly secret: Uint8Array;
  private readonly lifetimeSeconds: number;

  constructor({ secret, lifetimeSeconds = 365 * 24 * 3600 }: HmacVisitorSessionsOptions) {
    if (secret.byteLength < 32) throw new Error('The visitor token secret needs at least 32 bytes.');
    this.secret = secret;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  issue({ siteKey, visitorId }: VisitorSession, now: Date): string {
    const expires = Math.floor(now.getTime() / 1000) + this.lifetimeSeconds;
    const payload = `v1.${siteKey}.${visitorId}.${expires}`;
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  verify(token: string, now: Date): VisitorSession {
    const match = TOKEN.exec(token);
    if (!match) throw new InvalidVisitorTokenError('The visitor token is malformed.');
    const [, siteKey, visitorId, expires, signature] = match as unknown as [string, string, string, string, string];
    const payload = `v1.${siteKey}.${visitorId}.${expires}`;
    if (!sameText(signature, this.mac(payload).toString('base64url')))
      throw new InvalidVisitorTokenError('The visitor token was not issued by this deployment.');
    if (Number(expires) * 1000 <= now.getTime()) throw new InvalidVisitorTokenError('The visitor token has expired.');
    return { siteKey, visitorId };
  }

  newConversationId(session: VisitorSession, now: Date): string {
    const head = encodeTime(now.getTime(), 10) + base32Of(randomBytes(5));
    return head + this.conversationTag(session, head);
  }

  ownsConversation(session: VisitorSession, conversationId: string): boolean {
    if (!ULID.test(conversationId)) return false;
    return sameText(conversationId.slice(18), this.conversationTag(session, conversationId.slice(0, 18)));
  }

  private conversationTag({ siteKey, visitorId }: VisitorSession, head: string): string {
    return base32Of(this.mac(`c1.${siteKey}.${visitorId}.${head}`).subarray(0, 5));
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.secret).update(text).digest();
  }
}
