import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from './document-client.js';

/**
 * The real AWS SDK pointed at the embedded store, signing with the credentials that store was started with;
 * in the process that started it, through its request handler (no socket) when one is given.
 */
function localClientConfig(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  requestHandler: DynamoDBClientConfig['requestHandler'],
): DynamoDBClientConfig {
  return { endpoint, region: 'local', credentials, ...(requestHandler ? { requestHandler } : {}) };
}

export function createLocalClients(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  requestHandler?: DynamoDBClientConfig['requestHandler'],
): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  // Through the store's request handler, requests never leave this process: see inProcessUnsigned.
  const doc = createDocumentClient(localClientConfig(endpoint, credentials, requestHandler), {
    inProcessUnsigned: requestHandler !== undefined,
  });
  return { raw: new DynamoDBClient(localClientConfig(endpoint, credentials, requestHandler)), doc };
}
