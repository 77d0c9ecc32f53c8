import { handle } from 'hono/aws-lambda';
import { composeVisitor } from '../composition/compose-visitor.js';

/** API Gateway HTTP API (payload v2), the public /v1 paths → the app with only the visitor routes. */
export const handler = handle(composeVisitor(process.env));
