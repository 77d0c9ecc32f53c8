import type { DomainEvent } from '../core/events/domain-event.js';
import type { Lead, LeadStage } from '../core/funnel/lead.js';

export interface LeadFilter {
  stage?: LeadStage | undefined;
  ownerRepId?: string | undefined;
  queue?: string | undefined;
  source?: string | undefined;
  /** Leads created in [from, to). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface LeadPage {
  leads: Lead[];
  nextCursor: string | null;
}

export interface LeadStore {
  get(siteKey: string, visitorId: string): Promise<Lead | null>;
  /**
   * Writes the lead and its events in one conditional write, if the stored version is still
   * `lead.version - 1` (absent for version 1); otherwise throws LeadChangedError and stores nothing.
   */
  save(lead: Lead, events?: readonly DomainEvent[]): Promise<void>;
  /** A site's leads, newest first; throws InvalidCursorError for a cursor this store did not issue for this site. */
  list(siteKey: string, filter: LeadFilter, page: { limit: number; cursor?: string | undefined }): Promise<LeadPage>;
}

export class LeadChangedError extends Error {
  constructor(readonly visitorId: string) {
    super(`lead ${visitorId} was changed by another request`);
    this.name = 'LeadChangedError';
  }
}

export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this listing issued');
    this.name = 'InvalidCursorError';
  }
}
