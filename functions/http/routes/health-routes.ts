import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';

const HealthSchema = z
  .object({ status: z.literal('ok'), version: z.string(), time: z.string().datetime({ offset: true }) })
  .openapi('Health');

const getHealthRoute = createRoute({
  operationId: 'getHealth',
  security: [],
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness check',
  responses: { 200: { description: 'The service answers', content: { 'application/json': { schema: HealthSchema } } } },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, version: string): void {
  app.openapi(getHealthRoute, (c) =>
    c.json({ status: 'ok' as const, version, time: c.get('deps').clock().toISOString() }, 200),
  );
}
