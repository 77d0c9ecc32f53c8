import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from './document-client.js';

/** The real AWS SDK pointed at the embedded store; the credentials are placeholders it never checks. */
function localClientConfig(endpoint: string) {
  return { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

export function createLocalClients(endpoint: string): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const doc = createDocumentClient(localClientConfig(endpoint));
  return { raw: new DynamoDBClient(localClientConfig(endpoint)), doc };
}
