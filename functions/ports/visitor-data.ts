import type { Conversation, Turn } from '../core/conversation/conversation.js';
import type { DomainEvent } from '../core/events/domain-event.js';
import type { Lead } from '../core/funnel/lead.js';
import type { LiveChat } from '../core/live-chat/live-chat.js';
import type { RoutingDecision } from '../core/routing/routing-decision.js';
import type { Meeting } from '../core/scheduling/meeting.js';
import type { VisitorProfile } from '../core/visitors/visitor-profile.js';
import type { SyncStatus } from './sync-store.js';
import type { ScheduledTimer } from './timers.js';

/** Whom a privacy request is about: an email (every visitor and meeting of the site with it) or one visitor. */
export type DataSubject = { email: string } | { visitorId: string };

/** Everything one site holds about a person, gathered from every item kind that names them. */
export interface VisitorRecords {
  profiles: VisitorProfile[];
  leads: Lead[];
  conversations: Array<{
    conversation: Conversation;
    turns: Turn[];
    decision: RoutingDecision | null;
    liveChat: LiveChat | null;
  }>;
  meetings: Meeting[];
  syncStatuses: SyncStatus[];
  timers: ScheduledTimer[];
  /** Events about the person not yet delivered, and those whose delivery failed (dead letters). */
  events: DomainEvent[];
}

/** One privacy request as the audit trail keeps it: who, when, what kind and how much, never whom it was about. */
export interface PrivacyAuditEntry {
  id: string;
  siteKey: string;
  action: 'export' | 'erase';
  by: string;
  at: string;
  counts: Record<string, number>;
}

export interface VisitorDataStore {
  /** Every record of the site about the subject; empty lists when nothing is held. */
  find(siteKey: string, subject: DataSubject): Promise<VisitorRecords>;
  /**
   * Deletes the records found, except meetings, which stay on the rep's calendar with the person's
   * details blanked; undelivered events on them go too.
   */
  erase(siteKey: string, records: VisitorRecords): Promise<void>;
  /** Appends to the site's audit trail; `events` ride in the same write (the outbox). */
  audit(entry: PrivacyAuditEntry, events?: readonly DomainEvent[]): Promise<void>;
}
