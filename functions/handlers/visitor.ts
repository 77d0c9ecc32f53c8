import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { edgeSecretOf } from '../composition/config.js';
import { composeVisitor } from '../composition/compose-visitor.js';
import { withTrustedEdgeHeaders } from '../http/edge-headers.js';

const app = handle(composeVisitor(process.env));
const edgeSecret = edgeSecretOf(process.env);

/**
 * API Gateway HTTP API (payload v2), the public /v1 paths → the app with only the visitor routes;
 * CloudFront's viewer headers (geo rules) only from CloudFront.
 */
export const handler = (event: LambdaEvent & { headers: Record<string, string | undefined> }, context: Context) =>
  app(withTrustedEdgeHeaders(event, edgeSecret), context);
