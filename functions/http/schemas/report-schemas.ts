import { z } from '@hono/zod-openapi';

const Day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD')
  .refine(
    (day) =>
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day),
    'a calendar day',
  );

const MAX_DAYS = 366;
const inRange = (query: { from: string; to: string }) => {
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  return days >= 0 && days < MAX_DAYS;
};

const range = {
  from: Day.openapi({ description: 'First UTC day, included.', example: '2026-09-01' }),
  to: Day.openapi({ description: 'Last UTC day, included (at most 366 days after from).', example: '2026-11-29' }),
};

export const FunnelReportQuery = z
  .object({ ...range, groupBy: z.enum(['source', 'campaign', 'rule', 'rulebookVersion']).optional() })
  .strict()
  .refine(inRange, { message: 'to must be on or after from, within 366 days', path: ['to'] });

export const SlaReportQuery = z
  .object(range)
  .strict()
  .refine(inRange, { message: 'to must be on or after from, within 366 days', path: ['to'] });

const Ratio = z.number().nullable();
const Entered = z.object({
  lead: z.number().int(),
  mql: z.number().int(),
  sal: z.number().int(),
  sql: z.number().int(),
  opportunity: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  recycled: z.number().int(),
  disqualified: z.number().int(),
});
const Counts = {
  entered: Entered,
  conversion: z.object({ mqlToSal: Ratio, salToSql: Ratio, sqlToOpportunity: Ratio, opportunityToWon: Ratio }),
};

export const FunnelReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(['source', 'campaign', 'rule', 'rulebookVersion']).nullable(),
    ...Counts,
    groups: z.array(z.object({ value: z.string(), ...Counts })),
    conversations: z.number().int(),
    meetings: z.number().int(),
    demoBookingRate: Ratio,
    speedToLead: z.object({
      count: z.number().int(),
      p50Seconds: z.number().nullable(),
      p90Seconds: z.number().nullable(),
    }),
    rejectionsBySource: z.array(
      z.object({ source: z.string(), total: z.number().int(), reasons: z.record(z.string(), z.number().int()) }),
    ),
  })
  .openapi('FunnelReport');

const Compliance = { met: z.number().int(), breached: z.number().int(), compliance: Ratio };
const ByTerm = z.record(z.string(), z.object(Compliance));

const LiveChats = z
  .object({
    ended: z.number().int(),
    answered: z.number().int(),
    averageFirstResponseSeconds: z
      .number()
      .nullable()
      .openapi({ description: 'Seconds from the visitor asking to talk to the rep’s first message, on average.' }),
  })
  .openapi({ description: 'Live chats that ended in the period.' });

export const SlaReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    team: z.object({ ...Compliance, byTerm: ByTerm, liveChats: LiveChats }),
    reps: z.array(
      z.object({
        repId: z.string(),
        ...Compliance,
        byTerm: ByTerm,
        liveChats: LiveChats,
        routed: z.number().int(),
        routedShare: Ratio,
        weightShare: Ratio,
      }),
    ),
  })
  .openapi('SlaReport');
