import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listConversations } from '../../app/lists/list-conversations.js';
import { listMeetings } from '../../app/lists/list-meetings.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import {
  ConversationPageSchema,
  ListConversationsQuery,
  ListMeetingsQuery,
  MeetingPageSchema,
} from '../schemas/list-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { viewerOf } from './viewer-of.js';

const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

const listConversationsRoute = createRoute({
  operationId: 'listConversations',
  method: 'get',
  path: '/v1/sites/{siteKey}/conversations',
  tags: ['Conversations'],
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
  summary:
    "A site's conversations, newest first, with transcript, score breakdown and why routed (a rep sees their own)",
  request: { params: SiteKeyParam, query: ListConversationsQuery },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: ConversationPageSchema } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

const listMeetingsRoute = createRoute({
  operationId: 'listMeetings',
  method: 'get',
  path: '/v1/sites/{siteKey}/meetings',
  tags: ['Scheduling'],
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
  summary: "A site's meetings by start (default: 30 days back, 60 ahead), filtered and paged (a rep sees their own)",
  request: { params: SiteKeyParam, query: ListMeetingsQuery },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: MeetingPageSchema } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

export function registerListRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listConversationsRoute, async (c) => {
    const { limit, cursor, from, to, ...filter } = c.req.valid('query');
    return c.json(
      await listConversations(c.var.deps, {
        siteKey: c.req.valid('param').siteKey,
        viewer: viewerOf(c.var.principal),
        filter: { ...filter, from: iso(from), to: iso(to) },
        limit,
        cursor,
      }),
      200,
    );
  });
  app.openapi(listMeetingsRoute, async (c) => {
    const { limit, cursor, from, to, ...filter } = c.req.valid('query');
    return c.json(
      await listMeetings(c.var.deps, {
        siteKey: c.req.valid('param').siteKey,
        viewer: viewerOf(c.var.principal),
        filter: { ...filter, from: iso(from), to: iso(to) },
        limit,
        cursor,
      }),
      200,
    );
  });
}
