import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from './document-client.js';

/** The real AWS SDK pointed at the embedded store, signing with the credentials that store was started with. */
function localClientConfig(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }) {
  return { endpoint, region: 'local', credentials };
}

export function createLocalClients(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const doc = createDocumentClient(localClientConfig(endpoint, credentials));
  return { raw: new DynamoDBClient(localClientConfig(endpoint, credentials)), doc };
}
