import { handle } from 'hono/aws-lambda';
import { composeApi } from '../composition/compose-api.js';

/** API Gateway HTTP API (payload v2) → the one Hono app. */
export const handler = handle(composeApi(process.env));
