import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/outbox.dynamodb.js';
import { EventBridgePublisher } from '../adapters/eventbridge/event-publisher.eventbridge.js';

/** Two names are the whole configuration, checked by hand: zod would be most of this function's bundle. */
function required(env: NodeJS.ProcessEnv, name: string, minLength: number): string {
  const value = env[name];
  if (!value || value.length < minLength)
    throw new Error(`Invalid configuration:\n  ${name}: at least ${minLength} characters required`);
  return value;
}

/** The stream forwarder: the table's outbox and the event bus. */
export function composeOutboxForwarder(env: NodeJS.ProcessEnv) {
  return {
    outbox: new DynamoDbOutbox(createDocumentClient(), required(env, 'BATON_TABLE', 3)),
    publisher: new EventBridgePublisher(required(env, 'BATON_EVENT_BUS', 1)),
  };
}
