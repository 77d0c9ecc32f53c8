import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { DynamoDbConversationStore } from '../adapters/dynamodb/conversation-store.dynamodb.js';
import { DynamoDbSiteStore } from '../adapters/dynamodb/site-store.dynamodb.js';
import type { Dependencies } from '../app/dependencies.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';

export interface DependencyOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock?: Clock;
  newId?: IdGenerator;
}

/** The single place adapters are built; the same wiring serves Lambda and the local runtime. */
export function buildDependencies({ db, tableName, clock = () => new Date(), newId = () => ulid() }: DependencyOptions): Dependencies {
  return {
    clock,
    newId,
    conversations: new DynamoDbConversationStore(db, tableName),
    sites: new DynamoDbSiteStore(db, tableName),
  };
}
