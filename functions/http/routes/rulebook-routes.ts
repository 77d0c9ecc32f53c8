import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { approveRulebook } from '../../app/rulebook/approve-rulebook.js';
import { getRulebookDraft } from '../../app/rulebook/get-rulebook-draft.js';
import { getRulebookChanges } from '../../app/rulebook/get-rulebook-changes.js';
import { listRulebookVersions } from '../../app/rulebook/list-rulebook-versions.js';
import { putRulebookDraft } from '../../app/rulebook/put-rulebook-draft.js';
import { rollbackRulebook } from '../../app/rulebook/rollback-rulebook.js';
import { submitRulebook } from '../../app/rulebook/submit-rulebook.js';
import { getDraftSimulation } from '../../app/rulebook/get-draft-simulation.js';
import { startDraftSimulation } from '../../app/rulebook/start-draft-simulation.js';
import { getRoutingDecision } from '../../app/get-routing-decision.js';
import { installPatternEngine } from '../../core/routing/pattern-engine.js';
import { re2jsPatternEngine } from '../../core/routing/re2js-pattern-engine.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import { ConversationIdParam } from '../schemas/conversation-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import {
  ApproveBody,
  ApproveResult,
  ChangesSchema,
  DecisionSchema,
  DraftSchema,
  PutDraftQuery,
  RollbackBody,
  RollbackResult,
  RulebookContentSchema,
  SimulateBody,
  SimulationIdParam,
  SimulationJobSchema,
  VersionsSchema,
} from '../schemas/rulebook-schemas.js';

const tags = ['Rulebook'];
const owners = [authorize({ roles: ['marketing', 'sales'], site: 'param' })];
const marketing = [authorize({ roles: ['marketing'], site: 'param' })];
const base = '/v1/sites/{siteKey}/rulebook';
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const routes = {
  getDraft: createRoute({
    operationId: 'getRulebookDraft',
    method: 'get',
    path: `${base}/draft`,
    tags,
    middleware: owners,
    summary: 'The draft being edited, with its problems and signatures',
    request: { params: SiteKeyParam },
    responses: {
      200: { description: 'The draft (a copy of the live version when none is stored)', ...json(DraftSchema) },
      ...problemResponses(401, 403, 404),
    },
  }),
  changes: createRoute({
    operationId: 'getRulebookChanges',
    method: 'get',
    path: `${base}/draft/changes`,
    tags,
    middleware: owners,
    summary: 'What the draft changes against the live version, in words: what a signature approves',
    request: { params: SiteKeyParam },
    responses: {
      200: { description: 'The changes, by section', ...json(ChangesSchema) },
      ...problemResponses(401, 403, 404),
    },
  }),
  putDraft: createRoute({
    operationId: 'putRulebookDraft',
    method: 'put',
    path: `${base}/draft`,
    tags,
    middleware: marketing,
    summary: 'Save the draft (marketing); changing it voids its signatures',
    request: { params: SiteKeyParam, query: PutDraftQuery, body: { required: true, ...json(RulebookContentSchema) } },
    responses: {
      200: { description: 'Saved; problems lists what must be fixed before it can go live', ...json(DraftSchema) },
      ...problemResponses(400, 401, 403, 404, 409, 413, 415),
    },
  }),
  simulate: createRoute({
    operationId: 'simulateRulebook',
    method: 'post',
    path: `${base}/draft/simulate`,
    tags,
    middleware: owners,
    summary: 'Start replaying recent visitors through the draft and the live version (a job: poll its Location)',
    request: { params: SiteKeyParam, body: { required: true, ...json(SimulateBody) } },
    responses: {
      202: {
        description: 'Queued; getRulebookSimulation at the Location header tells its progress and result',
        headers: z.object({ Location: z.string().openapi({ description: 'Where to poll the job' }) }),
        ...json(SimulationJobSchema),
      },
      ...problemResponses(400, 401, 403, 404),
    },
  }),
  getSimulation: createRoute({
    operationId: 'getRulebookSimulation',
    method: 'get',
    path: `${base}/simulations/{simulationId}`,
    tags,
    middleware: owners,
    summary: 'A simulation job: its status, progress and, once succeeded, what the draft would change',
    request: { params: SiteKeyParam.merge(SimulationIdParam) },
    responses: {
      200: { description: 'The job as it stands', ...json(SimulationJobSchema) },
      ...problemResponses(400, 401, 403, 404),
    },
  }),
  submit: createRoute({
    operationId: 'submitRulebook',
    method: 'post',
    path: `${base}/draft/submit`,
    tags,
    middleware: marketing,
    summary: 'Submit the draft for the two signatures (marketing)',
    request: { params: SiteKeyParam },
    responses: {
      200: { description: 'Submitted', ...json(DraftSchema) },
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  approve: createRoute({
    operationId: 'approveRulebook',
    method: 'post',
    path: `${base}/draft/approve`,
    tags,
    middleware: owners,
    summary: 'Sign the submitted draft for marketing or sales; the second side publishes it',
    request: { params: SiteKeyParam, body: { required: true, ...json(ApproveBody) } },
    responses: {
      200: { description: 'Signed, or published', ...json(ApproveResult) },
      ...problemResponses(400, 401, 403, 404, 409, 422),
    },
  }),
  rollback: createRoute({
    operationId: 'rollbackRulebook',
    method: 'post',
    path: `${base}/rollback`,
    tags,
    middleware: owners,
    summary: 'Sign putting an earlier version live again for marketing or sales; the second side puts it live',
    request: { params: SiteKeyParam, body: { required: true, ...json(RollbackBody) } },
    responses: {
      200: { description: 'Signed, or live again', ...json(RollbackResult) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  }),
  versions: createRoute({
    operationId: 'listRulebookVersions',
    method: 'get',
    path: `${base}/versions`,
    tags,
    middleware: owners,
    summary: 'Every version and the full history: who, when, what changed',
    request: { params: SiteKeyParam },
    responses: {
      200: { description: 'Versions and history', ...json(VersionsSchema) },
      ...problemResponses(401, 403, 404),
    },
  }),
  decision: createRoute({
    operationId: 'getRoutingDecision',
    method: 'get',
    path: '/v1/conversations/{conversationId}/routing-decision',
    tags: ['Routing'],
    middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'none' })],
    summary: 'Why this conversation was routed as it was',
    request: { params: ConversationIdParam },
    responses: {
      200: { description: 'The decision record', ...json(DecisionSchema) },
      ...problemResponses(400, 401, 403, 404),
    },
  }),
};

export function registerRulebookRoutes(app: OpenAPIHono<AppEnv>): void {
  // Drafts sent here are validated with their `matches` patterns compiled (pattern-engine.ts).
  installPatternEngine(re2jsPatternEngine);
  app.openapi(routes.getDraft, async (c) =>
    c.json(await getRulebookDraft(c.get('deps'), c.req.valid('param').siteKey), 200),
  );
  app.openapi(routes.changes, async (c) =>
    c.json(await getRulebookChanges(c.get('deps'), c.req.valid('param').siteKey), 200),
  );
  app.openapi(routes.putDraft, async (c) =>
    c.json(
      await putRulebookDraft(
        c.get('deps'),
        c.req.valid('param').siteKey,
        c.get('principal'),
        c.req.valid('json'),
        c.req.valid('query').expectedRevision,
      ),
      200,
    ),
  );
  app.openapi(routes.simulate, async (c) => {
    const { siteKey } = c.req.valid('param');
    const job = await startDraftSimulation(c.get('deps'), siteKey, c.req.valid('json').days, c.get('principal'));
    c.header('Location', `${base.replace('{siteKey}', siteKey)}/simulations/${job.simulationId}`);
    return c.json(job, 202);
  });
  app.openapi(routes.getSimulation, async (c) => {
    const { siteKey, simulationId } = c.req.valid('param');
    return c.json(await getDraftSimulation(c.get('deps'), siteKey, simulationId), 200);
  });
  app.openapi(routes.submit, async (c) =>
    c.json(await submitRulebook(c.get('deps'), c.req.valid('param').siteKey, c.get('principal')), 200),
  );
  app.openapi(routes.approve, async (c) =>
    c.json(
      await approveRulebook(c.get('deps'), c.req.valid('param').siteKey, c.get('principal'), c.req.valid('json')),
      200,
    ),
  );
  app.openapi(routes.rollback, async (c) =>
    c.json(
      await rollbackRulebook(c.get('deps'), c.req.valid('param').siteKey, c.get('principal'), c.req.valid('json')),
      200,
    ),
  );
  app.openapi(routes.versions, async (c) =>
    c.json(await listRulebookVersions(c.get('deps'), c.req.valid('param').siteKey), 200),
  );
  app.openapi(routes.decision, async (c) =>
    c.json(
      (await getRoutingDecision(c.get('deps'), c.req.valid('param').conversationId, c.get('principal'))) as never,
      200,
    ),
  );
}
