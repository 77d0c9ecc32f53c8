import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { SiteStore } from '../ports/site-store.js';

/** Everything the use cases need from the outside world; composition builds it for AWS or for local. */
export interface Dependencies {
  clock: Clock;
  newId: IdGenerator;
  conversations: ConversationStore;
  sites: SiteStore;
}
