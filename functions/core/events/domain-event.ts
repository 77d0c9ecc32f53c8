import { z } from 'zod';

/**
 * Domain events, EventBridge-shaped: `source`, `detail-type` and `detail`. Each detail type carries
 * its own schema version; a consumer reads the versions it knows. Ids are unique and stable, so
 * consumers can apply each event once however often it is delivered.
 */
const Base = z.object({
  id: z.string().min(1),
  time: z.string().datetime({ offset: true }),
  source: z.literal('baton'),
  siteKey: z.string(),
  version: z.literal(1),
});

export const DomainEvent = z.discriminatedUnion('detailType', [
  Base.extend({
    detailType: z.literal('ConversationStarted'),
    detail: z.object({
      conversationId: z.string(),
      visitorId: z.string(),
      playbookId: z.string(),
      rulebookVersion: z.number().int(),
    }),
  }),
  Base.extend({
    detailType: z.literal('VisitorIdentified'),
    detail: z.object({
      visitorId: z.string(),
      email: z.string(),
      name: z.string().nullable(),
      company: z.string().nullable(),
      /** The conversation the visitor identified in, when a chat did it: its transcript goes to the CRM. */
      conversationId: z.string().nullable().optional(),
    }),
  }),
  Base.extend({
    detailType: z.literal('LeadScored'),
    detail: z.object({
      visitorId: z.string(),
      total: z.number().int(),
      delta: z.number().int(),
      rulebookVersion: z.number().int(),
    }),
  }),
  Base.extend({
    detailType: z.literal('StageChanged'),
    detail: z.object({
      visitorId: z.string(),
      from: z.string(),
      to: z.string(),
      rulebookVersion: z.number().int(),
      /** 'visitor' (absent in older events): the score moved the stage; 'lead': the funnel did, with who and why. */
      subject: z.enum(['visitor', 'lead']).optional(),
      why: z.string().optional(),
      by: z.string().optional(),
    }),
  }),
  Base.extend({
    detailType: z.literal('VisitorRouted'),
    detail: z.object({
      conversationId: z.string(),
      visitorId: z.string(),
      outcome: z.enum(['rep', 'nurture']),
      repId: z.string().nullable(),
      ruleId: z.string().nullable(),
      rulebookVersion: z.number().int(),
      viaFallback: z.boolean(),
    }),
  }),
  Base.extend({
    detailType: z.literal('MeetingBooked'),
    detail: z.object({
      meetingId: z.string(),
      conversationId: z.string().nullable(),
      visitorId: z.string().nullable(),
      repId: z.string(),
      start: z.string(),
      end: z.string(),
      visitorEmail: z.string(),
      visitorName: z.string(),
    }),
  }),
  Base.extend({
    detailType: z.literal('MeetingRescheduled'),
    detail: z.object({
      meetingId: z.string(),
      repId: z.string(),
      start: z.string(),
      end: z.string(),
      sequence: z.number().int(),
    }),
  }),
  Base.extend({
    detailType: z.literal('MeetingCanceled'),
    detail: z.object({ meetingId: z.string(), repId: z.string(), reason: z.string().nullable() }),
  }),
  Base.extend({
    /** The rep marked that the visitor did not come to the meeting. */
    detailType: z.literal('MeetingNoShow'),
    detail: z.object({ meetingId: z.string(), repId: z.string(), visitorId: z.string().nullable() }),
  }),
  Base.extend({
    /** A mail waits in the mail queue; the mail function sends it (retried until it goes out). */
    detailType: z.literal('MailQueued'),
    detail: z.object({ mailId: z.string() }),
  }),
  Base.extend({
    detailType: z.literal('LeadAccepted'),
    detail: z.object({ visitorId: z.string(), repId: z.string() }),
  }),
  Base.extend({
    detailType: z.literal('LeadRejected'),
    detail: z.object({
      visitorId: z.string(),
      repId: z.string(),
      reason: z.string(),
      action: z.string().optional(),
      source: z.string().nullable().optional(),
    }),
  }),
  Base.extend({
    detailType: z.literal('LeadAssigned'),
    /** A rep owns the lead now, or (repId null) it waits in the named queue. */
    detail: z.object({
      visitorId: z.string(),
      repId: z.string().nullable(),
      queue: z.string().nullable(),
      why: z.string(),
    }),
  }),
  Base.extend({
    detailType: z.literal('LeadActivityLogged'),
    detail: z.object({
      visitorId: z.string(),
      repId: z.string().nullable(),
      kind: z.string(),
      attempt: z.boolean(),
      firstTouch: z.boolean(),
      /** When the lead became an MQL: speed to lead is the first touch minus this. */
      mqlAt: z.string().nullable().optional(),
    }),
  }),
  Base.extend({
    detailType: z.literal('SlaBreached'),
    detail: z.object({
      visitorId: z.string(),
      term: z.string(),
      dueAt: z.string(),
      repId: z.string().nullable().optional(),
      reassignedTo: z.string().nullable().optional(),
    }),
  }),
  Base.extend({
    detailType: z.literal('SlaMet'),
    detail: z.object({ visitorId: z.string(), term: z.string(), dueAt: z.string(), repId: z.string().nullable() }),
  }),
  Base.extend({
    /**
     * What was held about a person was erased: CRMs and the webhook delete their copies. The emails are
     * what HubSpot finds a contact by; the event leaves the table once delivered (or sits, with its
     * failure, among the dead letters until replayed).
     */
    detailType: z.literal('VisitorErased'),
    detail: z.object({
      erasureId: z.string(),
      visitorIds: z.array(z.string()),
      emails: z.array(z.string()),
      meetingIds: z.array(z.string()),
      conversationIds: z.array(z.string()),
    }),
  }),
  Base.extend({
    /** A live chat ended: its first response time goes to the SLA report, its transcript (rep messages too) to the CRM. */
    detailType: z.literal('LiveChatEnded'),
    detail: z.object({
      conversationId: z.string(),
      visitorId: z.string(),
      repId: z.string(),
      requestedAt: z.string(),
      /** Seconds from the visitor's request to the rep's first message; null when the rep never wrote. */
      firstResponseSeconds: z.number().int().nullable(),
    }),
  }),
  Base.extend({
    detailType: z.literal('RulebookPublished'),
    detail: z.object({ version: z.number().int(), contentHash: z.string(), previousVersion: z.number().int() }),
  }),
  Base.extend({
    /** An earlier version went live again; `previousVersion` is the one it replaced. */
    detailType: z.literal('RulebookRolledBack'),
    detail: z.object({ version: z.number().int(), contentHash: z.string(), previousVersion: z.number().int() }),
  }),
  Base.extend({
    /** Someone asked to replay recent visitors through the draft; the simulation worker runs the job. */
    detailType: z.literal('SimulationRequested'),
    detail: z.object({ simulationId: z.string(), days: z.number().int() }),
  }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DetailType = DomainEvent['detailType'];
export type DetailOf<T extends DetailType> = Extract<DomainEvent, { detailType: T }>['detail'];

// The builder lives apart so the stores that write events (mail queue, simulation jobs) import it without
// building this schema at a cold start.
export { domainEvent } from './domain-event-builder.js';
