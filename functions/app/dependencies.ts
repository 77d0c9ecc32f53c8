import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { SiteStore } from '../ports/site-store.js';
import type { AccountStore } from '../ports/account-store.js';
import type { RulebookStore } from '../ports/rulebook-store.js';
import type { VisitorStore } from '../ports/visitor-store.js';
import type { EnrichmentDependencies } from './enrich-visitor.js';

/** Everything the use cases need from the outside world; composition builds it for AWS or for local. */
export interface Dependencies extends EnrichmentDependencies {
  clock: Clock;
  newId: IdGenerator;
  conversations: ConversationStore;
  sites: SiteStore;
  visitors: VisitorStore;
  accounts: AccountStore;
  rulebooks: RulebookStore;
}
