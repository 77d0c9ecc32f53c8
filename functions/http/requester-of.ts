import type { Context } from 'hono';
import type { Requester } from '../app/privacy/requester.js';

/** CloudFront's viewer address is `ip:port` (IPv6 without brackets); the port is not the person. */
const withoutPort = (viewerAddress: string) => viewerAddress.replace(/:\d+$/, '');

/**
 * The address and browser of the person behind a request. Behind the distribution the API Gateway
 * source is CloudFront, so its viewer address comes first (the Lambda handler keeps `cloudfront-viewer-*`
 * only on requests carrying the edge secret: functions/http/edge-headers.ts); then the HTTP API's source
 * address, then the local server's socket.
 */
export function requesterOf(c: Context): Requester {
  const env = c.env as
    | {
        requestContext?: { http?: { sourceIp?: string } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  const viewer = c.req.header('cloudfront-viewer-address');
  return {
    address:
      (viewer ? withoutPort(viewer) : null) ??
      env?.requestContext?.http?.sourceIp ??
      env?.incoming?.socket?.remoteAddress ??
      null,
    userAgent: c.req.header('user-agent') ?? null,
  };
}
