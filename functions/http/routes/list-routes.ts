import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { listConversations } from '../../app/lists/list-conversations.js';
import { listMeetings } from '../../app/lists/list-meetings.js';
import type { Principal } from '../../ports/token-verifier.js';
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

/** A list of a site's records: people of the site may read it, a rep only their own. */
function siteListRoute<Query extends z.ZodObject, Page extends z.ZodType>(route: {
  operationId: string;
  path: string;
  tag: string;
  summary: string;
  query: Query;
  page: Page;
}) {
  return createRoute({
    operationId: route.operationId,
    method: 'get',
    path: route.path,
    tags: [route.tag],
    middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
    summary: route.summary,
    request: { params: SiteKeyParam, query: route.query },
    responses: {
      200: { description: 'A page', content: { 'application/json': { schema: route.page } } },
      ...problemResponses(400, 401, 403, 422),
    },
  });
}

const listConversationsRoute = siteListRoute({
  operationId: 'listConversations',
  path: '/v1/sites/{siteKey}/conversations',
  tag: 'Conversations',
  summary:
    "A site's conversations, newest first, with transcript, score breakdown and why routed (a rep sees their own)",
  query: ListConversationsQuery,
  page: ConversationPageSchema,
});

const listMeetingsRoute = siteListRoute({
  operationId: 'listMeetings',
  path: '/v1/sites/{siteKey}/meetings',
  tag: 'Scheduling',
  summary: "A site's meetings by start (default: 30 days back, 60 ahead), filtered and paged (a rep sees their own)",
  query: ListMeetingsQuery,
  page: MeetingPageSchema,
});

const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

/** The list use cases' input from a checked query: the page apart, the time range in UTC, the rest a filter. */
function listInput<Filter extends { from?: string | undefined; to?: string | undefined }>(
  siteKey: string,
  principal: Principal,
  { limit, cursor, from, to, ...filter }: Filter & { limit: number; cursor?: string | undefined },
) {
  return { siteKey, viewer: viewerOf(principal), filter: { ...filter, from: iso(from), to: iso(to) }, limit, cursor };
}

export function registerListRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listConversationsRoute, async (c) =>
    c.json(
      await listConversations(
        c.get('deps'),
        listInput(c.req.valid('param').siteKey, c.get('principal'), c.req.valid('query')),
      ),
      200,
    ),
  );
  app.openapi(listMeetingsRoute, async (c) =>
    c.json(
      await listMeetings(
        c.get('deps'),
        listInput(c.req.valid('param').siteKey, c.get('principal'), c.req.valid('query')),
      ),
      200,
    ),
  );
}
