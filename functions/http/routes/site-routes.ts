import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createSite } from '../../app/sites/create-site.js';
import { updateSite } from '../../app/sites/update-site.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { CreateSiteBody, SiteResult, UpdateSiteBody } from '../schemas/site-schemas.js';

const tags = ['Sites'];

const createSiteRoute = createRoute({
  operationId: 'createSite',
  method: 'post',
  path: '/v1/sites',
  tags,
  middleware: [authorize({ roles: ['admin'], site: 'all' })],
  summary: 'Create a site (admin) with the starter playbook and rulebook; answers with its widget script tag',
  request: { body: { required: true, content: { 'application/json': { schema: CreateSiteBody } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: SiteResult } } },
    ...problemResponses(400, 401, 403, 409),
  },
});

const updateSiteRoute = createRoute({
  operationId: 'updateSite',
  method: 'patch',
  path: '/v1/sites/{siteKey}',
  tags,
  middleware: [authorize({ roles: ['admin'], site: 'param' })],
  summary: "Change a site's name, language, own playbook, meeting type, consent notice or branding (admin)",
  request: {
    params: SiteKeyParam,
    body: { required: true, content: { 'application/json': { schema: UpdateSiteBody } } },
  },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: SiteResult } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerSiteRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(createSiteRoute, async (c) => c.json(await createSite(c.get('deps'), c.req.valid('json')), 201));
  app.openapi(updateSiteRoute, async (c) =>
    c.json(await updateSite(c.get('deps'), c.req.valid('param').siteKey, c.req.valid('json')), 200),
  );
}
