import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { composeApi } from '../composition/compose-api.js';
import { edgeSecretOf } from '../composition/config.js';
import { withTrustedEdgeHeaders } from '../http/edge-headers.js';

const app = handle(composeApi(process.env));
const edgeSecret = edgeSecretOf(process.env);

/** API Gateway HTTP API (payload v2) → the one Hono app, with CloudFront's viewer headers only from CloudFront. */
export const handler = (event: LambdaEvent & { headers: Record<string, string | undefined> }, context: Context) =>
  app(withTrustedEdgeHeaders(event, edgeSecret), context);
