import { z } from '@hono/zod-openapi';
import { webUrl } from '../../core/validation/web-url.js';
import { SiteKey } from '../../core/conversation/site.js';

const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID: 26 characters of Crockford base 32');

export const ConversationIdParam = z.object({
  conversationId: Id.openapi({ param: { name: 'conversationId', in: 'path' }, example: '01JD3Q8Y8M4S0W6Q9V2ZC3H7KX' }),
});

/** What the widget says the visitor accepted; when is the server's to say. */
export const ConsentGiven = z
  .object({
    version: z.string().min(1).max(40),
    acceptedAt: z.string().datetime({ offset: true }).optional().openapi({
      deprecated: true,
      description: "Ignored: older widgets send the browser's clock; the server stamps the acceptance itself.",
    }),
  })
  .strict()
  .openapi('ConsentGiven');

export const StartConversationBody = z
  .object({
    siteKey: SiteKey.describe("The site's public key, from the widget's data-site-key attribute.").openapi({
      example: 'demo',
    }),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a BCP 47 language tag such as en or pt-BR')
      .optional()
      .openapi({ description: "The visitor's browser language; the site's default when absent.", example: 'en-US' }),
    visitorId: Id.optional().openapi({
      description: "Optional and redundant: when sent, it must be the visitor of the request's visitor token.",
    }),
    context: z.object({ url: webUrl().optional(), returning: z.boolean().optional() }).strict().optional().openapi({
      description: 'The page the chat opens on and whether the visitor came before, for playbook targeting.',
    }),
    consent: ConsentGiven.optional().openapi({
      description:
        'Required when the site asks for consent: the notice version the visitor accepted. The server records the time it received it.',
    }),
  })
  .strict()
  .openapi('StartConversationRequest');

export const PostMessageBody = z
  .object({
    clientMessageId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, dashes or underscores')
      .openapi({
        description: 'Chosen by the client; a retried send with the same id is applied once.',
        example: 'm-5f0c2b9e1d',
      }),
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(2000, 'at most 2000 characters')
      .openapi({ example: 'We need help routing demo requests' }),
  })
  .strict()
  .openapi('PostMessageRequest');

export const MessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(['visitor', 'bot', 'rep']),
    from: z.string().optional().openapi({ description: 'The name of the rep who wrote it, for rep messages.' }),
    text: z.string().openapi({ description: 'Plain text; clients must render it as text, never as HTML.' }),
    at: z.string().datetime({ offset: true }),
    options: z
      .array(z.object({ value: z.string(), label: z.string() }))
      .optional()
      .openapi({ description: 'Buttons; sending a label or value answers.' }),
    attachment: z
      .union([
        z.object({
          type: z.literal('rep'),
          name: z.string(),
          title: z.string().nullable(),
          photoUrl: z.string().nullable(),
        }),
        z.object({ type: z.literal('slots') }),
        z.object({ type: z.literal('offer'), title: z.string(), url: z.string() }),
        z.object({ type: z.literal('live-chat') }),
      ])
      .optional()
      .openapi({
        description:
          'The routed rep, an invitation to pick a time (listSlots), content offered, or a live chat starting (getLiveChat).',
      }),
  })
  .openapi('Message');

const ConversationSchema = z
  .object({
    id: Id,
    siteKey: z.string(),
    visitorId: Id,
    language: z.string(),
    playbookId: z.string(),
    startedAt: z.string().datetime({ offset: true }),
    rulebookVersion: z.number().int().openapi({
      description: 'The rulebook version this conversation is routed with, even if another goes live meanwhile.',
    }),
    consent: z
      .object({
        version: z.string(),
        text: z.string(),
        acceptedAt: z.string().datetime({ offset: true }).openapi({ description: "The server's time of acceptance." }),
        requesterHash: z.string().openapi({
          description: "SHA-256 (hex) of the requester's address and user agent; neither is kept.",
        }),
      })
      .optional(),
  })
  .openapi('Conversation');

export const ConversationWithMessages = z
  .object({ conversation: ConversationSchema, messages: z.array(MessageSchema) })
  .openapi('ConversationWithMessages');

export const VisitorToken = z.string().openapi({
  description:
    'Keep it with the visitor id and send it in the X-Baton-Visitor-Token header of every later call about this visitor; each answer that carries one renews it.',
});

export const StartedConversation = ConversationWithMessages.extend({ visitorToken: VisitorToken }).openapi(
  'StartedConversation',
);

export const PostMessageResult = z
  .object({
    conversationId: Id,
    messages: z.array(MessageSchema).openapi({ description: "The visitor's message and the bot's replies to it." }),
    replayed: z
      .boolean()
      .openapi({ description: 'True when this clientMessageId had been applied before; nothing new was stored.' }),
  })
  .openapi('PostMessageResult');
