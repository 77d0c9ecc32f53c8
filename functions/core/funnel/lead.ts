import { z } from 'zod';

/**
 * The funnel from the seeds: Visitor → Lead → MQL (the hand-off) → SAL (a rep accepted it) → SQL
 * (qualified by BANT or MEDDIC) → Opportunity → Won / Lost. Recycled is back to nurture; disqualified
 * leads leave the funnel (dropped, handed to customer success, or excluded).
 */
export const LeadStage = z.enum([
  'visitor',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'won',
  'lost',
  'recycled',
  'disqualified',
]);
export type LeadStage = z.infer<typeof LeadStage>;

const Field = z.string().trim().min(1).max(1000);

/** What sales learned qualifying the lead; every field of the chosen framework is required. */
export const Qualification = z.discriminatedUnion('framework', [
  z
    .object({
      framework: z.literal('BANT'),
      budget: Field,
      authority: Field,
      need: Field,
      timeline: Field,
    })
    .strict(),
  z
    .object({
      framework: z.literal('MEDDIC'),
      metrics: Field,
      economicBuyer: Field,
      decisionCriteria: Field,
      decisionProcess: Field,
      identifyPain: Field,
      champion: Field,
    })
    .strict(),
]);
export type Qualification = z.infer<typeof Qualification>;

/** Who moved a lead: a person (with their rep id when they are a rep) or an event Baton handled. */
export const Actor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), userId: z.string(), repId: z.string().nullable() }),
  z.object({ kind: z.literal('event'), event: z.string() }),
]);
export type Actor = z.infer<typeof Actor>;

export const StageMove = z.object({
  from: LeadStage,
  to: LeadStage,
  at: z.string(),
  by: Actor,
  why: z.string(),
});
export type StageMove = z.infer<typeof StageMove>;

export const ActivityKind = z.enum(['call', 'email', 'meeting', 'message', 'note']);
export const Activity = z.object({
  kind: ActivityKind,
  at: z.string(),
  by: Actor,
  /** A follow-up attempt counts toward the SLA's attempts; a note does not. */
  attempt: z.boolean(),
  note: z.string().nullable(),
});
export type Activity = z.infer<typeof Activity>;

export const Rejection = z.object({
  reasonId: z.string(),
  action: z.enum(['back-to-marketing', 'nurture', 'drop', 'customer-success', 'exclude']),
  note: z.string().nullable(),
  recontactAt: z.string().nullable(),
  by: Actor,
  at: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

/** One visitor's story past routing; the lead's id is the visitor's. */
export const Lead = z.object({
  siteKey: z.string(),
  visitorId: z.string(),
  stage: LeadStage,
  /** The rep who owns it, or null while it waits in `queue`. */
  ownerRepId: z.string().nullable(),
  /** A named queue (sales leads see it) when no rep owns the lead; also marketing's or customer success's. */
  queue: z.string().nullable(),
  /** When the current owner got it: SLA clocks run from here. */
  assignedAt: z.string().nullable(),
  /** Attribution for reports. */
  source: z.string().nullable(),
  campaign: z.string().nullable(),
  ruleId: z.string().nullable(),
  rulebookVersion: z.number().int().nullable(),
  conversationId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mqlAt: z.string().nullable(),
  firstTouchAt: z.string().nullable(),
  attempts: z.number().int(),
  qualification: Qualification.nullable(),
  rejection: Rejection.nullable(),
  /** A competitor's employee: routing never offers them a rep again. */
  excludedFromRouting: z.boolean(),
  history: z.array(StageMove),
  activities: z.array(Activity),
  /** Optimistic concurrency: a save succeeds only over the version it read. */
  version: z.number().int(),
});
export type Lead = z.infer<typeof Lead>;

export const MAX_ACTIVITIES = 200;

/** A lead as it starts: at `stage`, with nobody owning it yet. */
export function newLead(
  siteKey: string,
  visitorId: string,
  at: string,
  attribution: { source: string | null; campaign: string | null } = { source: null, campaign: null },
): Lead {
  return {
    siteKey,
    visitorId,
    stage: 'visitor',
    ownerRepId: null,
    queue: null,
    assignedAt: null,
    source: attribution.source,
    campaign: attribution.campaign,
    ruleId: null,
    rulebookVersion: null,
    conversationId: null,
    createdAt: at,
    updatedAt: at,
    mqlAt: null,
    firstTouchAt: null,
    attempts: 0,
    qualification: null,
    rejection: null,
    excludedFromRouting: false,
    history: [],
    activities: [],
    version: 0,
  };
}
