import { type CounterTake, rateCountersOf, type Requester } from '../../core/limits/abuse-limits.js';
import { secondsUntil } from '../../core/limits/rate-window.js';
import type { Dependencies } from '../dependencies.js';
import { TooManyRequestsError } from '../errors.js';

/**
 * Takes one use of every counter in one parallel round trip. When any is at its limit the request is
 * refused until that window ends, and the uses it took of the others are given back: a flood from one
 * address must not use up its site's limit for everyone else.
 */
export async function takeLimits(
  deps: Pick<Dependencies, 'limitCounters'>,
  now: Date,
  counters: readonly CounterTake[],
  refusal: { title: string; detail: string },
): Promise<void> {
  const refused = await deps.limitCounters.take(counters);
  if (refused.length === 0) return;
  await deps.limitCounters.giveBack(counters.filter((counter) => !refused.includes(counter)));
  const retryAfter = Math.max(...refused.map((counter) => secondsUntil(now, counter.window.end)));
  throw new TooManyRequestsError(refusal.title, refusal.detail, retryAfter);
}

/** The rate limits of one public request: per address, per visitor and per site. */
export async function takeRateLimits(
  deps: Pick<Dependencies, 'clock' | 'limitCounters' | 'limits'>,
  requester: Requester,
): Promise<void> {
  const now = deps.clock();
  await takeLimits(deps, now, rateCountersOf(deps.limits, requester, now), {
    title: 'Too many requests',
    detail: 'This client, visitor or site sent more requests than the limit allows; retry after the time given.',
  });
}
