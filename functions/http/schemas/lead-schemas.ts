import { z } from '@hono/zod-openapi';
import { ActivityKind, Lead, LeadStage, Qualification } from '../../core/funnel/lead.js';
import { FunnelPlanRequest } from '../../core/funnel/plan-funnel.js';
import { SiteKey } from '../../core/conversation/site.js';
import { Ulid } from './visitor-schemas.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const Timestamp = z.string().datetime({ offset: true });

export const LeadParams = z.object({
  siteKey: SiteKey.describe('site key').openapi({ param: { name: 'siteKey', in: 'path' }, example: 'demo' }),
  visitorId: Ulid.describe('lead (visitor) id').openapi({
    param: { name: 'visitorId', in: 'path' },
    example: '01JD3Q8Y8M4S0W6Q9V2ZC3H7KY',
  }),
});

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1000}$/)
    .optional()
    .openapi({ description: 'nextCursor of the previous page.' }),
};

export const ListLeadsQuery = z
  .object({
    stage: LeadStage.describe('funnel stage').optional(),
    owner: Id.optional().openapi({ description: 'Rep id of the owner (a rep sees only their own).' }),
    queue: Id.optional().openapi({ description: 'A named queue, such as the fallback queue sales leads work.' }),
    source: z.string().min(1).max(200).optional().openapi({ description: 'First-touch UTM source.' }),
    from: Timestamp.optional().openapi({ description: 'Created at or after.' }),
    to: Timestamp.optional().openapi({ description: 'Created before.' }),
    ...PageQuery,
  })
  .strict();

export const LeadSchema = Lead.describe(
  'A lead and its story: stage, owner or queue, every move and activity.',
).openapi('Lead');

export const LeadViewSchema = Lead.describe('A lead with what a person needs to act on it.')
  .extend({
    contact: z
      .object({ name: z.string().nullable(), email: z.string().nullable(), company: z.string().nullable() })
      .nullable(),
    score: z.number().int().nullable(),
  })
  .openapi('LeadView');

export const LeadPageSchema = z
  .object({ leads: z.array(LeadViewSchema), nextCursor: z.string().nullable() })
  .openapi('LeadPage');

export const RejectLeadBody = z
  .object({
    reason: Id.openapi({
      description:
        "One of the rulebook's rejection reasons (default: wrong-data, not-icp, bad-timing, already-customer, competitor).",
    }),
    note: z.string().trim().min(1).max(2000).optional(),
    recontactAt: Timestamp.optional().openapi({ description: 'When nurture should bring the lead back (bad timing).' }),
    drop: z.boolean().optional().openapi({ description: 'For a nurture-or-drop reason (not ICP): drop instead.' }),
  })
  .strict()
  .openapi('RejectLeadRequest');

export const MoveLeadStageBody = z
  .object({
    to: LeadStage.describe('the stage to move to'),
    why: z.string().trim().min(1).max(500),
    qualification: Qualification.describe('BANT or MEDDIC')
      .optional()
      .openapi({ description: 'Required to make an SQL: BANT or MEDDIC.' }),
  })
  .strict()
  .openapi('MoveLeadStageRequest');

export const LogLeadActivityBody = z
  .object({
    kind: ActivityKind.describe('activity kind').openapi({
      description: 'call, email, meeting and message are follow-up attempts; note is not.',
    }),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .openapi('LogLeadActivityRequest');

export const PlanFunnelBody = FunnelPlanRequest.describe('Money in minor units; rates between 0 and 1.').openapi(
  'FunnelPlanRequest',
);

export const FunnelPlanSchema = z
  .object({
    period: z.enum(['month', 'quarter', 'year']),
    deals: z.number().int(),
    sql: z.number().int(),
    mql: z.number().int(),
    mqlPerMonth: z.number().int(),
  })
  .openapi('FunnelPlan');
