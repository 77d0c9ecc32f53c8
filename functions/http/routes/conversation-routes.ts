import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { notFound } from '../../app/errors.js';
import { localize } from '../../core/playbooks/playbook.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import type { AppEnv } from '../app-env.js';
import { requesterOf } from '../requester-of.js';
import { rateLimited } from '../middleware/rate-limit.js';
import {
  ConversationIdParam,
  ConversationWithMessages,
  PostMessageBody,
  PostMessageResult,
  StartConversationBody,
  StartedConversation,
} from '../schemas/conversation-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { issueVisitorToken, visitorOn, visitorSession } from '../middleware/visitor-session.js';
import { onFirstUse } from '../../bundling/on-first-use.js';

// Use cases load with the first request that calls them: a cold start reads only the routes.
const getConversation = onFirstUse(() => import('../../app/get-conversation.js').then((m) => m.getConversation));
const postMessage = onFirstUse(() => import('../../app/post-message.js').then((m) => m.postMessage));
const startConversation = onFirstUse(() => import('../../app/start-conversation.js').then((m) => m.startConversation));

const tags = ['Conversations'];

const startConversationRoute = createRoute({
  operationId: 'startConversation',
  method: 'post',
  path: '/v1/conversations',
  tags,
  middleware: [visitorSession({ token: 'optional' }), rateLimited()],
  summary: 'Start a conversation on a site',
  description:
    "Creates the conversation and returns the site's greeting and first question. Without a visitor token the conversation is a new visitor's, and the answer carries that visitor's token (`visitorToken`); with one, it is that visitor's, on the token's site only.",
  request: { body: { required: true, content: { 'application/json': { schema: StartConversationBody } } } },
  responses: {
    201: { description: 'Started', content: { 'application/json': { schema: StartedConversation } } },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

const postMessageRoute = createRoute({
  operationId: 'postMessage',
  method: 'post',
  path: '/v1/conversations/{conversationId}/messages',
  tags,
  middleware: [visitorSession({ token: 'required', conversation: 'param' }), rateLimited({ besideFirstRead: true })],
  summary: 'Post a visitor message and get the replies',
  request: {
    params: ConversationIdParam,
    body: { required: true, content: { 'application/json': { schema: PostMessageBody } } },
  },
  responses: {
    201: { description: 'Stored, with the replies', content: { 'application/json': { schema: PostMessageResult } } },
    200: {
      description: 'Already applied earlier (same clientMessageId); the stored result',
      content: { 'application/json': { schema: PostMessageResult } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const getConversationRoute = createRoute({
  operationId: 'getConversation',
  method: 'get',
  path: '/v1/conversations/{conversationId}',
  tags,
  middleware: [visitorSession({ token: 'required', conversation: 'param' }), rateLimited()],
  summary: 'Read a conversation with every message',
  request: { params: ConversationIdParam },
  responses: {
    200: { description: 'The conversation', content: { 'application/json': { schema: ConversationWithMessages } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

const WidgetConfig = z
  .object({
    siteKey: z.string(),
    name: z.string(),
    /** The site's colour (#RRGGBB), or null for the widget's own. */
    colour: z.string().nullable(),
    /** The line under the name in the visitor's language, or null. */
    greeting: z.string().nullable(),
    /** The picture beside the name (an absolute URL or a path on the Baton host), or null. */
    avatarUrl: z.string().nullable(),
    consent: z.object({ required: z.boolean(), version: z.string(), text: z.string() }).nullable(),
  })
  .openapi('WidgetConfig');

const getWidgetConfigRoute = createRoute({
  operationId: 'getWidgetConfig',
  security: [],
  middleware: [rateLimited()],
  method: 'get',
  path: '/v1/sites/{siteKey}/widget-config',
  tags,
  summary:
    "What the widget shows before a conversation: the site's name, colour, greeting and avatar, and the consent notice in the visitor language",
  request: { params: SiteKeyParam, query: z.object({ language: z.string().max(35).default('en') }) },
  responses: {
    200: { description: 'The widget configuration', content: { 'application/json': { schema: WidgetConfig } } },
    ...problemResponses(400, 404),
  },
});

export function registerConversationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getWidgetConfigRoute, async (c) => {
    const { siteKey } = c.req.valid('param');
    const site = await c.get('deps').sites.get(siteKey);
    if (!site) throw notFound('Unknown site', `No site has the key "${siteKey}".`);
    const language = c.req.valid('query').language;
    return c.json(
      {
        siteKey,
        name: site.name,
        colour: site.brandColour ?? null,
        greeting: site.greeting ? localize(site.greeting, language) : null,
        avatarUrl: site.avatarUrl ?? null,
        consent: site.consent
          ? {
              required: site.consent.required,
              version: site.consent.version,
              text: localize(site.consent.text, language),
            }
          : null,
      },
      200,
    );
  });

  app.openapi(startConversationRoute, async (c) => {
    const body = c.req.valid('json');
    const known = visitorOn(c, body.siteKey, body.visitorId);
    const visitor = known ?? { siteKey: body.siteKey, visitorId: c.get('deps').newId() };
    const result = await startConversation(c.get('deps'), {
      ...body,
      visitorId: visitor.visitorId,
      newVisitor: known === null,
      conversationId: c.get('visitorSessions').newConversationId(visitor, c.get('deps').clock()),
      requester: requesterOf(c),
    });
    return c.json({ ...result, visitorToken: issueVisitorToken(c, visitor) }, 201);
  });

  app.openapi(postMessageRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const result = await postMessage(c.get('deps'), { conversationId, ...c.req.valid('json') }, c.get('admit'));
    return c.json(
      { conversationId, messages: result.messages, replayed: result.replayed },
      result.replayed ? 200 : 201,
    );
  });

  app.openapi(getConversationRoute, async (c) => {
    const result = await getConversation(c.get('deps'), c.req.valid('param').conversationId);
    return c.json(result, 200);
  });
}
