import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Geo } from '../../core/visitors/visitor-profile.js';
import type { AppEnv } from '../app-env.js';
import { requesterOf } from '../requester-of.js';
import { rateLimited } from '../middleware/rate-limit.js';
import { authorize } from '../middleware/authorize.js';
import { issueVisitorToken, visitorOn, visitorSession } from '../middleware/visitor-session.js';
import { problemResponses } from '../schemas/problem-schema.js';
import {
  PostVisitorEventBody,
  PostVisitorEventResult,
  VisitorIdParam,
  VisitorSchema,
} from '../schemas/visitor-schemas.js';
import { onFirstUse } from '../../bundling/on-first-use.js';

// Use cases load with the first request that calls them: a cold start reads only the routes.
const getVisitor = onFirstUse(() => import('../../app/get-visitor.js').then((m) => m.getVisitor));
const recordVisitorSignal = onFirstUse(() =>
  import('../../app/record-visitor-signal.js').then((m) => m.recordVisitorSignal),
);

const tags = ['Visitors'];

const postVisitorEventRoute = createRoute({
  operationId: 'postVisitorEvent',
  method: 'post',
  path: '/v1/visitor-events',
  tags,
  middleware: [visitorSession({ token: 'optional' }), rateLimited()],
  summary: 'Record what a visitor did or told us; the score is recomputed in the same request',
  description:
    'Sent by the widget as the visitor browses, and by forms. The visitor is enriched (account list, enrichment API, free-mail check) within a time budget, scored with the live rulebook and moved along the funnel. CloudFront viewer headers (country, region, time zone) are used when present. Without a visitor token the event is a new visitor’s, and the answer carries their token; with one, it is that visitor’s.',
  request: { body: { required: true, content: { 'application/json': { schema: PostVisitorEventBody } } } },
  responses: {
    200: { description: 'Recorded', content: { 'application/json': { schema: PostVisitorEventResult } } },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

const getVisitorRoute = createRoute({
  operationId: 'getVisitor',
  method: 'get',
  path: '/v1/visitors/{visitorId}',
  tags,
  summary: "A visitor's profile, enrichment, score breakdown, stage and score history",
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'none' })],
  request: { params: VisitorIdParam },
  responses: {
    200: {
      description: 'The visitor, scored now under the live rulebook',
      content: { 'application/json': { schema: VisitorSchema } },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

/** CloudFront adds these when the distribution forwards them; API Gateway passes them on. */
function edgeGeoOf(header: (name: string) => string | undefined): Partial<Geo> {
  const country = header('cloudfront-viewer-country');
  if (!country || !/^[A-Z]{2}$/.test(country)) return {};
  const region = header('cloudfront-viewer-country-region');
  const timeZone = header('cloudfront-viewer-time-zone');
  return {
    country,
    region: region && region.length <= 10 ? region : null,
    timeZone: timeZone && timeZone.length <= 64 ? timeZone : null,
  };
}

/** Public: the widget's and forms' visitor events. */
export function registerVisitorEventRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(postVisitorEventRoute, async (c) => {
    const body = c.req.valid('json');
    const known = visitorOn(c, body.siteKey, body.visitorId);
    const { profile } = await recordVisitorSignal(c.get('deps'), {
      siteKey: body.siteKey,
      visitorId: known?.visitorId,
      signal: body.event,
      edgeGeo: edgeGeoOf((name) => c.req.header(name)),
      consent: { given: body.consent, requester: requesterOf(c) },
    });
    return c.json(
      {
        visitorId: profile.visitorId,
        stage: profile.stage,
        score: profile.score?.total ?? null,
        visitorToken: issueVisitorToken(c, { siteKey: body.siteKey, visitorId: profile.visitorId }),
      },
      200,
    );
  });
}

/** The console's view of a visitor. */
export function registerVisitorRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getVisitorRoute, async (c) =>
    c.json((await getVisitor(c.get('deps'), c.req.valid('param').visitorId, c.get('principal'))) as never, 200),
  );
}
