import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Rep } from '../../core/routing/rep.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { ProblemError } from '../problem.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';

const RepSchema = Rep;
const RepParams = SiteKeyParam.extend({
  repId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .openapi({ param: { name: 'repId', in: 'path' }, example: 'rep-ana' }),
});

const listRepsRoute = createRoute({
  operationId: 'listReps',
  method: 'get',
  path: '/v1/sites/{siteKey}/reps',
  tags: ['Reps'],
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
  summary: 'The rep directory: working hours, time zones, out-of-office periods',
  request: { params: SiteKeyParam },
  responses: {
    200: { description: 'Reps', content: { 'application/json': { schema: z.object({ reps: z.array(RepSchema) }) } } },
    ...problemResponses(401, 403),
  },
});

const putRepRoute = createRoute({
  operationId: 'putRep',
  method: 'put',
  path: '/v1/sites/{siteKey}/reps/{repId}',
  tags: ['Reps'],
  middleware: [authorize({ roles: ['sales', 'rep'], site: 'param' })],
  summary: 'Create or update a rep (sales), or a rep their own entry, e.g. to set out of office',
  request: { params: RepParams, body: { required: true, content: { 'application/json': { schema: RepSchema } } } },
  responses: {
    200: { description: 'Stored', content: { 'application/json': { schema: RepSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerRepRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listRepsRoute, async (c) =>
    c.json({ reps: await c.get('deps').reps.list(c.req.valid('param').siteKey) }, 200),
  );
  app.openapi(putRepRoute, async (c) => {
    const { siteKey, repId } = c.req.valid('param');
    const rep = c.req.valid('json');
    const principal = c.get('principal');
    if (rep.repId !== repId)
      throw new ProblemError({
        title: 'Invalid request',
        status: 400,
        detail: 'The body repId must match the path.',
        errors: [{ pointer: '/repId', in: 'body', detail: `must be "${repId}"` }],
      });
    // A rep may edit only their own entry; sales and admins any.
    if (!principal.roles.some((role) => role === 'sales' || role === 'admin') && principal.repId !== repId) {
      throw new ProblemError({ title: 'Not allowed', status: 403, detail: 'A rep can change only their own entry.' });
    }
    if (!(await c.get('deps').sites.get(siteKey)))
      throw new ProblemError({ title: 'Unknown site', status: 404, detail: `No site has the key "${siteKey}".` });
    await c.get('deps').reps.put(siteKey, rep);
    return c.json(rep, 200);
  });
}
