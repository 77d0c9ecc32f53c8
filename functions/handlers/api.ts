import { handle } from 'hono/aws-lambda';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { buildDependencies } from '../composition/build-dependencies.js';
import { AwsConfig, parseConfig } from '../composition/config.js';
import { createLogger } from '../composition/create-logger.js';
import { createApp } from '../http/create-app.js';

const config = parseConfig(AwsConfig, process.env);
const logger = createLogger(config.LOG_LEVEL);
const deps = buildDependencies({ db: createDocumentClient(), tableName: config.BATON_TABLE });

/** API Gateway HTTP API (payload v2) → the one Hono app. */
export const handler = handle(createApp({ deps, logger }));
