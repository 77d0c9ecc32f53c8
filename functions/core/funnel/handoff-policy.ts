import { z } from 'zod';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');

/**
 * What a rejection leads to: back to marketing with the note, nurture (with a recontact date when the
 * reason asks for one), drop, customer success, or exclusion from future routing.
 */
export const RejectionAction = z.enum([
  'back-to-marketing',
  'nurture',
  'nurture-or-drop',
  'customer-success',
  'exclude',
]);
export type RejectionAction = z.infer<typeof RejectionAction>;

export const RejectionReason = z
  .object({
    id: Id,
    label: z.string().min(1).max(120),
    action: RejectionAction,
    requiresNote: z.boolean().default(false),
    requiresRecontactDate: z.boolean().default(false),
  })
  .strict();
export type RejectionReason = z.infer<typeof RejectionReason>;

export const SlaTerm = z.enum(['first-touch', 'accept-or-reject', 'follow-up-attempts', 'in-crm']);
export type SlaTerm = z.infer<typeof SlaTerm>;

/**
 * One promise between the teams, as data: within `withinMinutes` of its start (the lead reaching MQL
 * for `in-crm`, its assignment to a rep for `first-touch` and `accept-or-reject`, its acceptance for
 * `follow-up-attempts`) the lead must be touched, accepted or rejected, attempted `minAttempts`
 * times, or synced to the CRM.
 */
export const SlaPolicy = z
  .object({
    term: SlaTerm,
    withinMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90),
    minAttempts: z.number().int().min(1).max(100).optional(),
    /** On breach, give the lead to the pool's next rep, who is charged the rotation's turn for it. */
    reassign: z.boolean().default(false),
  })
  .strict();
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const HandoffPolicy = z
  .object({
    rejectionReasons: z.array(RejectionReason).min(1).max(30),
    sla: z.array(SlaPolicy).max(10),
    /** Where a routed lead waits when no rep could take it; sales leads work this queue. */
    fallbackQueue: Id,
    /** A Slack-compatible incoming webhook for the site's lead notifications (a rep's own one wins). */
    notifyWebhookUrl: z.string().url().max(500).optional(),
    /** Who hears about breaches when the rep has no manager on record. */
    managerEmails: z.array(z.string().email()).max(20).default([]),
  })
  .strict()
  .refine(
    (policy) => new Set(policy.rejectionReasons.map((reason) => reason.id)).size === policy.rejectionReasons.length,
    'rejection reason ids must be unique',
  )
  .refine((policy) => new Set(policy.sla.map((sla) => sla.term)).size === policy.sla.length, 'one policy per term');
export type HandoffPolicy = z.infer<typeof HandoffPolicy>;

/** Seed 004's terms: reject within 48 h with a reason, first follow-up within 24 h, six attempts, in the CRM within 4 h. */
export const defaultHandoffPolicy: HandoffPolicy = {
  rejectionReasons: [
    {
      id: 'wrong-data',
      label: 'Wrong or incomplete data',
      action: 'back-to-marketing',
      requiresNote: true,
      requiresRecontactDate: false,
    },
    {
      id: 'not-icp',
      label: 'Not our ideal customer',
      action: 'nurture-or-drop',
      requiresNote: false,
      requiresRecontactDate: false,
    },
    { id: 'bad-timing', label: 'Bad timing', action: 'nurture', requiresNote: false, requiresRecontactDate: true },
    {
      id: 'already-customer',
      label: 'Already a customer',
      action: 'customer-success',
      requiresNote: false,
      requiresRecontactDate: false,
    },
    {
      id: 'competitor',
      label: 'Works for a competitor',
      action: 'exclude',
      requiresNote: false,
      requiresRecontactDate: false,
    },
  ],
  sla: [
    { term: 'first-touch', withinMinutes: 24 * 60, reassign: false },
    { term: 'accept-or-reject', withinMinutes: 48 * 60, reassign: false },
    { term: 'follow-up-attempts', withinMinutes: 14 * 24 * 60, minAttempts: 6, reassign: false },
    { term: 'in-crm', withinMinutes: 4 * 60, reassign: false },
  ],
  fallbackQueue: 'sales-queue',
  managerEmails: [],
};
