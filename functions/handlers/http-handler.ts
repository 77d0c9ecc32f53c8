import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import type { AppEnv } from '../http/app-env.js';
import { withTrustedEdgeHeaders } from '../http/edge-headers.js';

interface ComposedHttpFunction {
  /** The visitor-token and edge secrets now in force (cached, re-read after a rotation). */
  secrets: () => Promise<{ visitor: string; edge: string | undefined }>;
  /** The app built for a visitor-token secret, reused while that secret stays the same. */
  appFor: (visitorSecret: string) => Hono<AppEnv>;
}

/**
 * API Gateway HTTP API (payload v2) → the composed Hono app for the secret now in force, with CloudFront's
 * viewer headers (geo rules) trusted only when they came from CloudFront.
 */
export function httpHandlerOf({ secrets, appFor }: ComposedHttpFunction) {
  return async (event: LambdaEvent & { headers: Record<string, string | undefined> }, context: Context) => {
    const { visitor, edge } = await secrets();
    return handle(appFor(visitor))(withTrustedEdgeHeaders(event, edge), context);
  };
}
