import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { composeVisitor } from '../composition/compose-visitor.js';
import { withTrustedEdgeHeaders } from '../http/edge-headers.js';

const { appFor, secrets } = composeVisitor(process.env);

/**
 * API Gateway HTTP API (payload v2), the public /v1 paths → the app with only the visitor routes;
 * CloudFront's viewer headers (geo rules) only from CloudFront.
 */
export const handler = async (
  event: LambdaEvent & { headers: Record<string, string | undefined> },
  context: Context,
) => {
  const { visitor, edge } = await secrets();
  return handle(appFor(visitor))(withTrustedEdgeHeaders(event, edge), context);
};
