import type { DomainEvent } from '../core/events/domain-event.js';
import type { VisitorProfile } from '../core/visitors/visitor-profile.js';

export interface VisitorStore {
  get(visitorId: string): Promise<VisitorProfile | null>;
  /** Writes the profile if its stored version is still `profile.version - 1` (or absent for version 1); otherwise throws VisitorChangedError. */
  save(profile: VisitorProfile, events?: readonly DomainEvent[]): Promise<void>;
  /**
   * Merges answers that cannot change the score into the stored profile with one conditional update
   * (no read), raising its version; false when the visitor is not stored yet.
   */
  mergeAnswers(visitorId: string, answers: Record<string, string>, at: string): Promise<boolean>;
  /** All of a site's visitors last seen at or after `since`, one page at a time, so a caller holds one page only. */
  pagesSeenSince(siteKey: string, since: string): AsyncIterable<VisitorProfile[]>;
}

export class VisitorChangedError extends Error {
  constructor(readonly visitorId: string) {
    super(`visitor ${visitorId} was changed by another request`);
    this.name = 'VisitorChangedError';
  }
}
