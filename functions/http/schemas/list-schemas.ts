import { z } from '@hono/zod-openapi';
import { LeadStage } from '../../core/funnel/lead.js';
import { PageQuery } from './lead-schemas.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const Timestamp = z.string().datetime({ offset: true });

const common = {
  stage: LeadStage.describe('funnel stage').optional(),
  owner: Id.optional().openapi({ description: 'Rep id (a rep sees only their own).' }),
  source: z.string().min(1).max(200).optional().openapi({ description: 'First-touch UTM source.' }),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  ...PageQuery,
};

export const ListConversationsQuery = z.object(common).strict();
export const ListMeetingsQuery = z
  .object({ ...common, status: z.enum(['booked', 'canceled', 'no-show']).optional() })
  .strict()
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    message: 'to must be after from',
    path: ['to'],
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.to) - Date.parse(query.from) <= 366 * 86_400_000, {
    message: 'at most 366 days',
    path: ['to'],
  });

const Message = z.object({
  id: z.string(),
  role: z.string(),
  text: z.string(),
  at: z.string(),
});

export const ConversationPageSchema = z
  .object({
    conversations: z.array(
      z.object({
        conversationId: z.string(),
        visitorId: z.string(),
        startedAt: z.string(),
        language: z.string(),
        rulebookVersion: z.number().int(),
        stage: z.string(),
        owner: z.string().nullable(),
        source: z.string().nullable(),
        contact: z.object({
          name: z.string().nullable(),
          email: z.string().nullable(),
          company: z.string().nullable(),
        }),
        score: z
          .object({
            total: z.number(),
            qualifies: z.boolean(),
            breakdown: z.array(
              z.object({ rule: z.string(), category: z.string(), points: z.number(), reason: z.string() }),
            ),
          })
          .nullable(),
        routing: z
          .object({
            matchedRuleId: z.string().nullable(),
            outcome: z.enum(['rep', 'nurture']),
            repId: z.string().nullable(),
            viaFallback: z.boolean(),
            decidedAt: z.string(),
          })
          .nullable(),
        transcript: z.array(Message.passthrough()),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('ConversationPage');

export const MeetingPageSchema = z
  .object({
    meetings: z.array(
      z.object({
        meetingId: z.string(),
        repId: z.string(),
        repName: z.string(),
        start: z.string(),
        end: z.string(),
        status: z.enum(['booked', 'canceled', 'no-show']),
        visitor: z.object({ name: z.string(), email: z.string(), timeZone: z.string() }),
        visitorId: z.string().nullable(),
        conversationId: z.string().nullable(),
        stage: z.string().nullable(),
        source: z.string().nullable(),
        matchedRuleId: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('MeetingPage');
