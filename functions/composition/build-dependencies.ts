import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { DynamoDbAccountStore } from '../adapters/dynamodb/account-store.dynamodb.js';
import { DynamoDbConversationStore } from '../adapters/dynamodb/conversation-store.dynamodb.js';
import { DynamoDbEnrichmentCache } from '../adapters/dynamodb/enrichment-cache.dynamodb.js';
import { DynamoDbRulebookStore } from '../adapters/dynamodb/rulebook-store.dynamodb.js';
import { DynamoDbSiteStore } from '../adapters/dynamodb/site-store.dynamodb.js';
import { DynamoDbVisitorStore } from '../adapters/dynamodb/visitor-store.dynamodb.js';
import { CachedCompanyEnrichment } from '../adapters/enrichment/cached-company-enrichment.js';
import { HttpCompanyEnrichment } from '../adapters/enrichment/company-api.http.js';
import { PackageListEmailClassifier } from '../adapters/enrichment/email-classifier.package-lists.js';
import type { Dependencies } from '../app/dependencies.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';

export interface DependencyOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
  logger: Logger;
  clock?: Clock;
  newId?: IdGenerator;
  /** The company-by-domain enrichment API; none when not configured. */
  companyApi?: { baseUrl: string; apiKey: string } | undefined;
  enrichmentBudgetMs?: number;
}

// One classifier per process: its lists load once, on first use.
const emailClassifier = new PackageListEmailClassifier();

/** The single place adapters are built; the same wiring serves Lambda and the local runtime. */
export function buildDependencies({ db, tableName, logger, clock = () => new Date(), newId = () => ulid(), companyApi, enrichmentBudgetMs = 300 }: DependencyOptions): Dependencies {
  return {
    clock,
    newId,
    logger,
    enrichmentBudgetMs,
    emailClassifier,
    companyEnrichment: companyApi ? new CachedCompanyEnrichment(new HttpCompanyEnrichment(companyApi), new DynamoDbEnrichmentCache(db, tableName, clock)) : null,
    conversations: new DynamoDbConversationStore(db, tableName),
    sites: new DynamoDbSiteStore(db, tableName),
    visitors: new DynamoDbVisitorStore(db, tableName),
    accounts: new DynamoDbAccountStore(db, tableName),
    rulebooks: new DynamoDbRulebookStore(db, tableName),
  };
}
