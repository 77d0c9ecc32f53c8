import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Sha256 } from './sha256.js';

/**
 * The DocumentClient the adapters use, sending through a low-level client whose resolved middleware is kept
 * per command (`cacheMiddleware`): lib-dynamodb refuses that setting, and without it every call builds,
 * sorts and resolves the whole middleware stack again, the largest part of the SDK's own CPU per call. The
 * marshalling lib-dynamodb's commands add to their own stacks is done by one middleware of the client, with
 * the same options and the same description of each command's attribute values (read from the command), so
 * items read and written are unchanged. Middleware added to `middlewareStack` later sees every call: adding
 * drops the kept handlers.
 */
export function createDocumentClient(
  config: DynamoDBClientConfig = {},
  options: TuningOptions = {},
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ sha256: Sha256, ...config });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // The visitor function's build gets stand-ins that make the real clients on their first send
  // (functions/bundling/aws-sdk): those are tuned when made, with the real document client class.
  if (!('middlewareStack' in client)) {
    (doc as unknown as TunedWhenMade).whenMade(async (made, madeDoc, DocumentClient) =>
      (await tuning()).tuneDocumentClient(made, madeDoc, DocumentClient),
    );
    return doc;
  }
  // Sends wait for the tuning (its module is read once, on the first send), which puts its own `send` in place.
  const tuned = tuning().then((module) => module.tuneDocumentClient(client, doc, DynamoDBDocumentClient, options));
  // A failed read fails the calls that need it, not the process.
  tuned.catch(() => {});
  const untuned = doc as unknown as { send: (...args: unknown[]) => Promise<unknown> };
  untuned.send = (...args) => tuned.then(() => untuned.send(...args));
  return doc;
}

/**
 * The tuning's module, read on the first send: the visitor function's build keeps it out of what its cold
 * start reads (a chunk of its own).
 */
const tuning = () => import('./document-client-tuning.js');

export interface TuningOptions {
  /**
   * Requests go to the embedded store's thread in this process (its `requestHandler`), which checks no
   * signature: nothing outside the process can post to that thread. They carry a well-formed Authorization
   * header (the store refuses a request without one, as DynamoDB does) but are not SigV4-signed, which was a
   * fifth of the SDK's CPU per call. Never set for a client that leaves the process (Lambda's, or one on
   * the store's loopback endpoint, which checks every signature).
   */
  inProcessUnsigned?: boolean;
}

/** The visitor function's stand-in document client (functions/bundling/aws-sdk/lib-dynamodb.ts). */
interface TunedWhenMade {
  whenMade(
    tune: (
      client: DynamoDBClient,
      doc: DynamoDBDocumentClient,
      DocumentClient: typeof DynamoDBDocumentClient,
    ) => Promise<void>,
  ): void;
}
