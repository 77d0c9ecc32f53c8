import type { DomainEvent } from '../core/events/domain-event.js';

/** A lead as the CRM sees it, built from the visitor's profile. */
export interface CrmLead {
  visitorId: string;
  email: string;
  name: string | null;
  company: string | null;
  domain: string | null;
  score: number | null;
  /** The funnel stage (sal, sql, recycled, …) once sales works the lead; the score's stage before. */
  stage: string;
  /** Why sales rejected it (the rulebook's reason id and the rep's note), while the rejection stands. */
  rejection: { reason: string; note: string | null } | null;
  /** The Baton rep id the lead is routed to; the adapter maps it to the CRM's owner id. */
  repId: string | null;
  source: string | null;
}

export interface CrmMeeting {
  meetingId: string;
  lead: CrmLead;
  repId: string;
  start: string;
  end: string;
  status: 'scheduled' | 'canceled' | 'no-show';
  /** The chat, as text, for the note or task beside the meeting. */
  transcript: string;
}

/** A conversation's text for a note (HubSpot) or task (Salesforce) on the lead, upserted by `key`. */
export interface CrmTranscript {
  key: string;
  lead: CrmLead;
  /** When the conversation started. */
  at: string;
  transcript: string;
}

/** A person Baton forgot: the CRM deletes what it holds about them (contacts, leads, Baton's meetings and notes). */
export interface CrmErasure {
  visitorIds: string[];
  emails: string[];
  meetingIds: string[];
  conversationIds: string[];
}

/** A CRM the sync writes to. Every operation is an upsert by a key Baton owns, so repeating it changes nothing. */
export interface CrmProvider {
  readonly name: string;
  upsertLead(lead: CrmLead): Promise<void>;
  recordMeeting(meeting: CrmMeeting): Promise<void>;
  recordTranscript(transcript: CrmTranscript): Promise<void>;
  /** Deletes the person's records; records already gone are not an error, so repeating it changes nothing. */
  erase(erasure: CrmErasure): Promise<void>;
}

/** A receiver of every domain event as signed JSON. */
export interface EventWebhook {
  readonly name: string;
  deliver(event: DomainEvent): Promise<void>;
}

/** A CRM or webhook answer worth retrying (429, 5xx, network) or not; Retry-After in seconds when given. */
export class CrmError extends Error {
  constructor(
    readonly target: string,
    readonly status: number | null,
    readonly retryable: boolean,
    detail: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${target}: ${detail}`);
    this.name = 'CrmError';
  }
}
