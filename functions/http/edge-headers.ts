import { timingSafeEqual } from 'node:crypto';

/** The header CloudFront adds to every request it sends the API (infra/edge.ts), with the stack's secret. */
export const EDGE_SECRET_HEADER = 'x-baton-edge';

const VIEWER_HEADER = /^cloudfront-viewer-/i;

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Keeps CloudFront's viewer headers (country, region, time zone) only on a request that came through the
 * stack's distribution, which proves itself with the edge secret; anyone calling the API directly could
 * write them. The secret header itself never reaches the app. Without a configured secret nothing is trusted.
 */
export function withTrustedEdgeHeaders<E extends { headers?: Record<string, string | undefined> }>(
  event: E,
  secret: string | undefined,
): E {
  const headers = { ...event.headers };
  const fromEdge = secret !== undefined && sameSecret(headers[EDGE_SECRET_HEADER], secret);
  for (const name of Object.keys(headers))
    if (name.toLowerCase() === EDGE_SECRET_HEADER || (!fromEdge && VIEWER_HEADER.test(name))) delete headers[name];
  return { ...event, headers };
}
