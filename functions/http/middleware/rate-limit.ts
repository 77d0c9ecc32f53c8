import type { Context, MiddlewareHandler } from 'hono';
import { takeRateLimits } from '../../app/limits/take-limits.js';
import { clientSubjectOf } from '../../core/limits/client-subject.js';
import { SiteKey } from '../../core/conversation/site.js';
import type { AppEnv } from '../app-env.js';
import { requesterOf } from '../requester-of.js';

export type RateLimitMiddleware = MiddlewareHandler<AppEnv> & { readonly rateLimited: true };

/** A first call names its site in the JSON body; anything unreadable there is left to validation. */
async function siteKeyInBody(c: Context): Promise<string | undefined> {
  if (c.req.method !== 'POST' || !/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return undefined;
  const body: unknown = await c.req.json().catch(() => undefined);
  return siteKeyOf(typeof body === 'object' && body !== null ? (body as { siteKey?: unknown }).siteKey : undefined);
}

/** Only a well-formed site key names a counter: made-up strings would each start one. */
const siteKeyOf = (value: unknown): string | undefined =>
  SiteKey.safeParse(value).success ? (value as string) : undefined;

/**
 * Declared with each public operation, after visitorSession: counts the request against its client
 * address, its visitor (the token's, or the manage link's meeting) and its site (the token's, the
 * path's or a first call's body) on the shared counters, and refuses it with 429 and Retry-After when
 * one is used up. A request refused before (no token, a forged one) costs no counter and no store call.
 *
 * `besideFirstRead`: the operation takes the counters (the `admit` variable) as it sends its first read, one
 * round trip less, and awaits them before it uses that read or writes anything. A refused request then
 * costs that read as well, and still answers 429 with nothing written, whatever else the operation would
 * have answered.
 */
export function rateLimited(options: { besideFirstRead?: boolean } = {}): RateLimitMiddleware {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const visitor = c.get('visitor') ?? null;
    const requester = {
      ip: clientSubjectOf(requesterOf(c).address ?? undefined),
      visitor: visitor ? visitor.visitorId : meetingOf(c),
      siteKey: visitor ? visitor.siteKey : (siteKeyOf(c.req.param('siteKey')) ?? (await siteKeyInBody(c))),
    };
    if (!options.besideFirstRead) {
      await takeRateLimits(c.get('deps'), requester);
      return next();
    }
    let taking: Promise<void> | undefined;
    const admit = () => {
      taking ??= takeRateLimits(c.get('deps'), requester);
      return taking;
    };
    c.set('admit', admit);
    await next();
    // Taken by every request, those the operation refused before its read (bad input) too; the refusal is
    // then the answer, over the operation's own.
    const refused = await admit().then(
      () => undefined,
      (error: unknown) => error,
    );
    if (refused !== undefined && c.error !== refused) throw refused;
  };
  return Object.assign(middleware, { rateLimited: true as const });
}

const meetingOf = (c: Context) => {
  const meetingId = c.req.param('meetingId');
  return meetingId ? `meeting-${meetingId.slice(0, 64)}` : undefined;
};

export function isRateLimitMiddleware(value: unknown): value is RateLimitMiddleware {
  return typeof value === 'function' && 'rateLimited' in value;
}
