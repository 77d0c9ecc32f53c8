import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { getFunnelReport } from '../../app/reporting/get-funnel-report.js';
import { getSlaReport } from '../../app/reporting/get-sla-report.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { FunnelReportQuery, FunnelReportSchema, SlaReportQuery, SlaReportSchema } from '../schemas/report-schemas.js';

const tags = ['Reports'];

const getFunnelReportRoute = createRoute({
  operationId: 'getFunnelReport',
  method: 'get',
  path: '/v1/sites/{siteKey}/reports/funnel',
  tags,
  middleware: [authorize({ roles: ['marketing', 'sales'], site: 'param' })],
  summary:
    'Funnel counts and stage-to-stage conversion (by source, campaign, rule or rulebook version), demo booking rate, speed to lead, rejection reasons by source',
  request: { params: SiteKeyParam, query: FunnelReportQuery },
  responses: {
    200: { description: 'The funnel of the period', content: { 'application/json': { schema: FunnelReportSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

const getSlaReportRoute = createRoute({
  operationId: 'getSlaReport',
  method: 'get',
  path: '/v1/sites/{siteKey}/reports/sla',
  tags,
  middleware: [authorize({ roles: ['marketing', 'sales'], site: 'param' })],
  summary: 'SLA compliance per rep and team, and routing load per rep against its weight',
  request: { params: SiteKeyParam, query: SlaReportQuery },
  responses: {
    200: { description: 'Compliance of the period', content: { 'application/json': { schema: SlaReportSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerReportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getFunnelReportRoute, async (c) =>
    c.json(await getFunnelReport(c.get('deps'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );
  app.openapi(getSlaReportRoute, async (c) =>
    c.json(await getSlaReport(c.get('deps'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );
}
