import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { signIn } from '../../app/auth/sign-in.js';
import type { Credentials, SessionIssuer } from '../../ports/sign-in.js';
import type { AppEnv } from '../app-env.js';
import { rateLimited } from '../middleware/rate-limit.js';
import { ProblemError } from '../problem.js';
import { SessionSchema, SignInBody, type SignInConfig, SignInConfigSchema } from '../schemas/auth-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';

/** How people sign in here: local accounts (embedded runtime) or a hosted page (Cognito in AWS). */
export type SignInOptions =
  | { method: 'local'; credentials: Credentials; sessions: SessionIssuer }
  | Extract<SignInConfig, { method: 'hosted' }>;

const tags = ['Sign-in'];
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const configRoute = createRoute({
  operationId: 'getSignInConfig',
  method: 'get',
  path: '/v1/auth/config',
  tags,
  security: [],
  summary: 'How the console signs people in on this deployment',
  responses: { 200: { description: 'The sign-in method and its settings', ...json(SignInConfigSchema) } },
});

const signInRoute = createRoute({
  operationId: 'signIn',
  method: 'post',
  path: '/v1/auth/login',
  tags,
  security: [],
  // Guessing passwords costs a counter per client address like any public call.
  middleware: [rateLimited()],
  summary: 'Sign in with a local account (embedded runtime); answers a token with roles, sites and repId',
  request: { body: { required: true, ...json(SignInBody) } },
  responses: {
    200: { description: 'Signed in', ...json(SessionSchema) },
    ...problemResponses(400, 401, 404, 413, 415),
  },
});

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, options: SignInOptions | undefined): void {
  app.openapi(configRoute, (c) => {
    const config: SignInConfig =
      options === undefined
        ? { method: 'none' }
        : options.method === 'local'
          ? { method: 'local' }
          : {
              method: 'hosted',
              authorizeUrl: options.authorizeUrl,
              tokenUrl: options.tokenUrl,
              clientId: options.clientId,
              scopes: options.scopes,
            };
    return c.json(config, 200);
  });
  app.openapi(signInRoute, async (c) => {
    if (options?.method !== 'local')
      throw new ProblemError({
        title: 'No local accounts',
        status: 404,
        detail: 'This deployment signs people in through its hosted sign-in page (GET /v1/auth/config).',
      });
    const session = await signIn(options, c.req.valid('json'));
    if (!session)
      throw new ProblemError({ title: 'Sign-in failed', status: 401, detail: 'The username or password is wrong.' });
    return c.json(session, 200);
  });
}
