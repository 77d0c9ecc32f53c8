import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { getSyncStatus } from '../../app/crm/get-sync-status.js';
import { replayFailedSyncs } from '../../app/crm/replay-failed-syncs.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { VisitorIdParam } from '../schemas/visitor-schemas.js';

const tags = ['CRM sync'];

const getSyncStatusRoute = createRoute({
  operationId: 'getSyncStatus',
  method: 'get',
  path: '/v1/visitors/{visitorId}/sync-status',
  tags,
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'none' })],
  summary: "A lead's sync status per CRM and webhook: synced, or failed with the error",
  request: { params: VisitorIdParam },
  responses: {
    200: {
      description: 'Per target',
      content: {
        'application/json': {
          schema: z
            .object({
              visitorId: z.string(),
              targets: z.array(
                z.object({
                  visitorId: z.string(),
                  target: z.string(),
                  status: z.enum(['pending', 'synced', 'failed']),
                  lastEventId: z.string(),
                  error: z.string().nullable(),
                  at: z.string(),
                }),
              ),
            })
            .openapi('SyncStatus'),
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

const replayRoute = createRoute({
  operationId: 'replayFailedSyncs',
  method: 'post',
  path: '/v1/sites/{siteKey}/sync/replay',
  tags,
  middleware: [authorize({ roles: ['marketing', 'sales'], site: 'param' })],
  summary: 'Send the syncs that failed after their last retry again',
  request: { params: SiteKeyParam },
  responses: {
    200: {
      description: 'What was replayed',
      content: {
        'application/json': {
          schema: z
            .object({ replayed: z.number().int(), succeeded: z.number().int(), failed: z.number().int() })
            .openapi('ReplayResult'),
        },
      },
    },
    ...problemResponses(401, 403),
  },
});

export function registerSyncRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getSyncStatusRoute, async (c) =>
    c.json(await getSyncStatus(c.get('deps'), c.req.valid('param').visitorId, c.get('principal')), 200),
  );
  app.openapi(replayRoute, async (c) =>
    c.json(await replayFailedSyncs(c.get('deps'), c.req.valid('param').siteKey), 200),
  );
}
