import { z } from '@hono/zod-openapi';
import { SiteKeyParam } from './account-schemas.js';
import { ConversationIdParam, MessageSchema, PostMessageBody } from './conversation-schemas.js';

const RepId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
const Status = z.enum(['offered', 'waiting', 'live', 'ended', 'unavailable']);

export const RepPresenceParams = SiteKeyParam.extend({
  repId: RepId.openapi({ param: { name: 'repId', in: 'path' }, example: 'rep-ana' }),
});
export const LiveChatParams = SiteKeyParam.merge(ConversationIdParam);

export const SetRepPresenceBody = z
  .object({ setting: z.enum(['available', 'away']).openapi({ description: 'What the rep says in the console.' }) })
  .strict()
  .openapi('SetRepPresenceRequest');

export const RepPresenceView = z
  .object({
    repId: z.string(),
    setting: z.enum(['available', 'away']),
    presence: z.object({
      available: z.boolean(),
      reason: z
        .enum(['available', 'inactive', 'set-away', 'out-of-office', 'outside-working-hours', 'in-a-meeting'])
        .openapi({ description: 'The first rule that makes the rep unavailable now, or available.' }),
    }),
    load: z.number().int().openapi({ description: 'Live chats offered to or served by the rep now.' }),
  })
  .openapi('RepPresence');

export const AfterQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(-1)
    .max(1_000_000)
    .default(-1)
    .openapi({ description: 'The newest turn number the client has; the answer holds the turns after it.' }),
});

export const InboxQuery = z.object({
  repId: RepId.optional().openapi({ description: 'Sales and admins read any rep’s inbox; a rep reads their own.' }),
});

export const LiveChatView = z
  .object({
    conversationId: z.string(),
    status: z.enum(['offered', 'waiting', 'live', 'ended', 'unavailable', 'none']),
    repName: z.string().nullable(),
    turns: z.array(z.object({ seq: z.number().int(), messages: z.array(MessageSchema) })),
    lastSeq: z.number().int(),
    typing: z.object({ visitor: z.boolean(), rep: z.boolean() }),
  })
  .openapi('LiveChatView');

const InboxItem = z.object({
  conversationId: z.string(),
  status: Status,
  requestedAt: z.string().datetime({ offset: true }),
  offerExpiresAt: z.string().datetime({ offset: true }).nullable(),
  acceptedAt: z.string().datetime({ offset: true }).nullable(),
  endedAt: z.string().datetime({ offset: true }).nullable(),
  firstResponseSeconds: z.number().int().nullable(),
  lead: z.object({
    visitorId: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    score: z.number().nullable(),
    stage: z.string().nullable(),
    answers: z.record(z.string(), z.string()),
  }),
});

export const Inbox = z
  .object({
    repId: z.string(),
    presence: z.object({ setting: z.enum(['available', 'away']), available: z.boolean(), load: z.number().int() }),
    waiting: z.array(InboxItem).openapi({ description: 'Visitors in line this rep may take, oldest first.' }),
    offered: z.array(InboxItem).openapi({ description: 'Offers to this rep waiting for accept or decline.' }),
    live: z.array(InboxItem),
    recent: z.array(InboxItem),
  })
  .openapi('Inbox');

export const LiveChatSummary = z
  .object({
    conversationId: z.string(),
    status: Status,
    repId: z.string().nullable(),
    requestedAt: z.string().datetime({ offset: true }),
    acceptedAt: z.string().datetime({ offset: true }).nullable(),
    endedAt: z.string().datetime({ offset: true }).nullable(),
  })
  .openapi('LiveChat');

export const RepMessageBody = PostMessageBody.openapi('PostRepMessageRequest');
export const RepMessageResult = z
  .object({ messages: z.array(MessageSchema), replayed: z.boolean() })
  .openapi('PostRepMessageResult');
