import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { eraseVisitorData } from '../../app/privacy/erase-visitor-data.js';
import { exportVisitorData } from '../../app/privacy/export-visitor-data.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import { DataSubjectBody, VisitorDataExport, VisitorErasure } from '../schemas/privacy-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';

const tags = ['Privacy'];
const body = { required: true, content: { 'application/json': { schema: DataSubjectBody } } };

const exportRoute = createRoute({
  operationId: 'exportVisitorData',
  middleware: [authorize({ roles: ['marketing', 'sales'], site: 'param' })],
  method: 'post',
  path: '/v1/sites/{siteKey}/privacy/export',
  tags,
  summary: 'Everything the site holds about an email or a visitor, as JSON (the request is audited)',
  request: { params: SiteKeyParam, body },
  responses: {
    200: {
      description: 'The records; empty lists when nothing is held',
      content: { 'application/json': { schema: VisitorDataExport } },
    },
    ...problemResponses(400, 401, 403),
  },
});

const eraseRoute = createRoute({
  operationId: 'eraseVisitorData',
  middleware: [authorize({ roles: ['marketing'], site: 'param' })],
  method: 'post',
  path: '/v1/sites/{siteKey}/privacy/erase',
  tags,
  summary:
    "Forget an email or a visitor: records deleted, meetings blanked, CRMs told; audited without the person's data",
  request: { params: SiteKeyParam, body },
  responses: {
    200: { description: 'What was erased, counted', content: { 'application/json': { schema: VisitorErasure } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerPrivacyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(exportRoute, async (c) =>
    c.json(
      await exportVisitorData(c.get('deps'), c.req.valid('param').siteKey, c.req.valid('json'), c.get('principal')),
      200,
    ),
  );
  app.openapi(eraseRoute, async (c) =>
    c.json(
      await eraseVisitorData(c.get('deps'), c.req.valid('param').siteKey, c.req.valid('json'), c.get('principal')),
      200,
    ),
  );
}
