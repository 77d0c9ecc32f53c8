import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { acceptLead } from '../../app/funnel/accept-lead.js';
import { listLeads } from '../../app/funnel/list-leads.js';
import { logLeadActivity } from '../../app/funnel/log-lead-activity.js';
import { moveLeadStage } from '../../app/funnel/move-lead-stage.js';
import { planFunnel } from '../../app/funnel/plan-funnel.js';
import { rejectLead } from '../../app/funnel/reject-lead.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import {
  FunnelPlanSchema,
  LeadPageSchema,
  LeadParams,
  LeadSchema,
  ListLeadsQuery,
  LogLeadActivityBody,
  MoveLeadStageBody,
  PlanFunnelBody,
  RejectLeadBody,
} from '../schemas/lead-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { viewerOf } from './viewer-of.js';

const tags = ['Leads'];
const leadResponse = {
  description: 'The lead after the change',
  content: { 'application/json': { schema: LeadSchema } },
};

const listLeadsRoute = createRoute({
  operationId: 'listLeads',
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
  method: 'get',
  path: '/v1/sites/{siteKey}/leads',
  tags,
  summary: "A site's leads, newest first, filtered and paged (a rep sees only their own)",
  request: { params: SiteKeyParam, query: ListLeadsQuery },
  responses: {
    200: { description: 'A page of leads', content: { 'application/json': { schema: LeadPageSchema } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

const acceptLeadRoute = createRoute({
  operationId: 'acceptLead',
  middleware: [authorize({ roles: ['sales', 'rep'], site: 'param' })],
  method: 'post',
  path: '/v1/sites/{siteKey}/leads/{visitorId}/accept',
  tags,
  summary: 'Accept an MQL: it becomes an SAL (a rep accepting a queued lead claims it)',
  request: { params: LeadParams },
  responses: { 200: leadResponse, ...problemResponses(400, 401, 403, 404, 409) },
});

const rejectLeadRoute = createRoute({
  operationId: 'rejectLead',
  middleware: [authorize({ roles: ['sales', 'rep'], site: 'param' })],
  method: 'post',
  path: '/v1/sites/{siteKey}/leads/{visitorId}/reject',
  tags,
  summary: 'Reject an MQL or SAL with a reason; the reason decides the follow-up',
  request: {
    params: LeadParams,
    body: { required: true, content: { 'application/json': { schema: RejectLeadBody } } },
  },
  responses: { 200: leadResponse, ...problemResponses(400, 401, 403, 404, 409, 422) },
});

const moveLeadStageRoute = createRoute({
  operationId: 'moveLeadStage',
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
  method: 'post',
  path: '/v1/sites/{siteKey}/leads/{visitorId}/stage',
  tags,
  summary: 'Move a lead to another stage (SQL needs BANT or MEDDIC); illegal moves are refused with 409',
  request: {
    params: LeadParams,
    body: { required: true, content: { 'application/json': { schema: MoveLeadStageBody } } },
  },
  responses: { 200: leadResponse, ...problemResponses(400, 401, 403, 404, 409, 422) },
});

const logLeadActivityRoute = createRoute({
  operationId: 'logLeadActivity',
  middleware: [authorize({ roles: ['sales', 'rep'], site: 'param' })],
  method: 'post',
  path: '/v1/sites/{siteKey}/leads/{visitorId}/activities',
  tags,
  summary: 'Log a follow-up attempt (the first is the first touch) or a note',
  request: {
    params: LeadParams,
    body: { required: true, content: { 'application/json': { schema: LogLeadActivityBody } } },
  },
  responses: { 200: leadResponse, ...problemResponses(400, 401, 403, 404, 409) },
});

const planFunnelRoute = createRoute({
  operationId: 'planFunnel',
  middleware: [authorize({ roles: ['marketing', 'sales'], site: 'unscoped' })],
  method: 'post',
  path: '/v1/funnel/plan',
  tags: ['Reports'],
  summary: 'Reverse funnel: the deals, SQLs and MQLs a revenue target needs',
  request: { body: { required: true, content: { 'application/json': { schema: PlanFunnelBody } } } },
  responses: {
    200: { description: 'The plan', content: { 'application/json': { schema: FunnelPlanSchema } } },
    ...problemResponses(400, 401, 403, 422),
  },
});

export function registerLeadRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listLeadsRoute, async (c) => {
    const { siteKey } = c.req.valid('param');
    const { limit, cursor, owner, from, to, ...rest } = c.req.valid('query');
    const filter = {
      ...rest,
      ownerRepId: owner,
      from: from ? new Date(from).toISOString() : undefined,
      to: to ? new Date(to).toISOString() : undefined,
    };
    return c.json(
      await listLeads(c.get('deps'), { siteKey, viewer: viewerOf(c.get('principal')), filter, limit, cursor }),
      200,
    );
  });
  app.openapi(acceptLeadRoute, async (c) =>
    c.json(await acceptLead(c.get('deps'), { ...c.req.valid('param'), viewer: viewerOf(c.get('principal')) }), 200),
  );
  app.openapi(rejectLeadRoute, async (c) =>
    c.json(
      await rejectLead(c.get('deps'), {
        ...c.req.valid('param'),
        ...c.req.valid('json'),
        viewer: viewerOf(c.get('principal')),
      }),
      200,
    ),
  );
  app.openapi(moveLeadStageRoute, async (c) =>
    c.json(
      await moveLeadStage(c.get('deps'), {
        ...c.req.valid('param'),
        ...c.req.valid('json'),
        viewer: viewerOf(c.get('principal')),
      }),
      200,
    ),
  );
  app.openapi(logLeadActivityRoute, async (c) =>
    c.json(
      await logLeadActivity(c.get('deps'), {
        ...c.req.valid('param'),
        ...c.req.valid('json'),
        viewer: viewerOf(c.get('principal')),
      }),
      200,
    ),
  );
  app.openapi(planFunnelRoute, async (c) => c.json(planFunnel(c.req.valid('json')), 200));
}
