import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { composeApi } from '../composition/compose-api.js';
import { withTrustedEdgeHeaders } from '../http/edge-headers.js';

const { appFor, secrets } = composeApi(process.env);

/** API Gateway HTTP API (payload v2) → the one Hono app, with CloudFront's viewer headers only from CloudFront. */
export const handler = async (
  event: LambdaEvent & { headers: Record<string, string | undefined> },
  context: Context,
) => {
  const { visitor, edge } = await secrets();
  return handle(appFor(visitor))(withTrustedEdgeHeaders(event, edge), context);
};
