import { type Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import { DomainError, TooManyRequestsError } from '../app/errors.js';
import type { Dependencies } from '../app/dependencies.js';
import type { AppEnv } from './app-env.js';
import { fieldErrors, ProblemError, problemResponse } from './problem.js';
import type { TokenVerifier } from '../ports/token-verifier.js';
import { ACCESS_EXTENSION, isAuthorizeMiddleware } from './middleware/authorize.js';
import { setSecurityHeaders } from './middleware/security-headers.js';
import {
  isVisitorSessionMiddleware,
  VISITOR_EXTENSION,
  VISITOR_SCHEME,
  VISITOR_TOKEN_HEADER,
} from './middleware/visitor-session.js';
import type { VisitorSessions } from '../ports/visitor-sessions.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { isRateLimitMiddleware } from './middleware/rate-limit.js';
import { problemResponses } from './schemas/problem-schema.js';

/** Registers a group of route modules on the app (functions/http/route-groups/). */
export type RouteGroup = (app: OpenAPIHono<AppEnv>) => void;

export interface AppOptions {
  deps: Dependencies;
  logger: Logger;
  verifier: TokenVerifier;
  /** Signs and checks visitor tokens; the same secret in every function of a deployment. */
  visitorSessions: VisitorSessions;
  version?: string;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** Largest accepted account-list upload. */
  maxImportBytes?: number;
  /**
   * Which route groups this app serves: locally and in the console's function every group, in the
   * visitor function only the public one. The middleware, error mapper and documents are the same.
   */
  routes: readonly RouteGroup[];
  /**
   * Serves the OpenAPI document (/openapi.json) and its reference page (/docs). The visitor function does
   * not: API Gateway sends those paths to the API function, and its build leaves the document generator
   * out (functions/bundling/lambda-bundling.ts `aliasesOf`).
   */
  documents?: boolean;
}

/** The account-list upload, the one operation with a larger body limit. */
const ACCOUNTS_IMPORT = /^\/v1\/sites\/[^/]+\/accounts$/;

const statusOfKind = { 'not-found': 404, conflict: 409, invalid: 422, forbidden: 403, 'too-many': 429 } as const;

/** The one HTTP app: the Lambda handlers and the local server all serve this, with the route groups they mount. */
export function createApp({
  deps,
  logger,
  verifier,
  visitorSessions,
  version = '0.1.0',
  maxBodyBytes = 64 * 1024,
  maxImportBytes = 5 * 1024 * 1024,
  routes,
  documents = true,
}: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const location =
        result.target === 'json'
          ? 'body'
          : result.target === 'param'
            ? 'path'
            : result.target === 'query'
              ? 'query'
              : 'header';
      return problemResponse(c, {
        title: 'Invalid request',
        status: 400,
        detail: `The request ${location} does not match the schema of this operation.`,
        errors: fieldErrors(result.error, location),
      });
    },
  });

  declareAccessInOpenApi(app);

  const preflight = cors({
    origin: '*',
    allowHeaders: ['Content-Type', 'X-Request-Id', VISITOR_TOKEN_HEADER],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 600,
  });
  const limitTo = (maxSize: number) => {
    const tooLarge = (c: Context<AppEnv>) =>
      problemResponse(c, {
        title: 'Request body too large',
        status: 413,
        detail: `This request body is limited to ${maxSize} bytes.`,
      });
    const streamed = bodyLimit({ maxSize, onError: tooLarge });
    // bodyLimit's first look at `raw.body` makes @hono/node-server build a web Request and stream the body
    // through it; its answer for a body of stated length is the same read from the headers, and the body is
    // then read straight from the socket. Bodies of unstated length are counted as bodyLimit streams them.
    const limited: MiddlewareHandler<AppEnv> = async (c, next) => {
      const method = c.req.method;
      if (method === 'GET' || method === 'HEAD') return next();
      const length = c.req.header('content-length');
      if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
      return Number.parseInt(length || '0', 10) > maxSize ? tooLarge(c) : next();
    };
    return limited;
  };
  const defaultLimit = limitTo(maxBodyBytes);
  const importLimit = limitTo(maxImportBytes);

  // One middleware in front of every route instead of four (security headers, request id and log, CORS, body
  // limit): each layer of Hono's chain is an async call and its promises on every request. In the order the
  // four ran: the body limit innermost, then CORS, the request id, the security headers on the final answer.
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 128) || randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.set('verifier', verifier);
    c.set('visitorSessions', visitorSessions);
    c.set(
      'logger',
      lazily(() => logger.createChild({ persistentKeys: { requestId } })),
    );
    const path = c.req.path;
    const api = path === '/v1' || path.startsWith('/v1/');
    if (api) {
      const method = c.req.method;
      // Hono's cors sets an answer's headers on `c.res` before the route has answered: that makes an empty
      // answer the route's is then made again from (its body a web stream, written chunk by chunk). Its own
      // answer is the preflight's; other answers get the same headers set on the route's own answer below.
      const answer =
        method === 'OPTIONS'
          ? await preflight(c, next)
          : await (method === 'POST' && ACCOUNTS_IMPORT.test(path) ? importLimit : defaultLimit)(c, next);
      if (answer && !c.finalized) c.res = answer;
    } else await next();
    // On the answer's own headers: `c.header` on a finished answer makes it again from its body, a web stream
    // @hono/node-server then writes chunk by chunk instead of the string it was given.
    const headers = c.res.headers;
    if (api && c.req.method !== 'OPTIONS') {
      headers.set('Access-Control-Allow-Origin', '*');
      headers.set('Access-Control-Expose-Headers', 'X-Request-Id');
    }
    headers.set('x-request-id', requestId);
    setSecurityHeaders(headers);
    // The parent logs the request line itself: most requests log nothing else, so none builds a child logger.
    // Above INFO (the local server under load, quiet deployments) the line is not even built.
    if (logger.level > LogLevelThreshold.INFO) return;
    logger.info('request', {
      requestId,
      method: c.req.method,
      path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
  });

  registerHealthRoutes(app, version);
  for (const group of routes) group(app);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito in AWS; locally, the tokens `npm start` prints (or `npm run token`).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', VISITOR_SCHEME, {
    type: 'apiKey',
    in: 'header',
    name: VISITOR_TOKEN_HEADER,
    description:
      'The visitor token startConversation and postVisitorEvent return (`visitorToken`), bound to one site and one visitor; every later public call about that visitor sends it.',
  });

  if (documents) {
    app.doc31('/openapi.json', {
      openapi: '3.1.0',
      info: {
        title: 'Baton API',
        version,
        description:
          'Conversational routing: chat, scoring, routing rules, booking and CRM sync. Errors are application/problem+json (RFC 9457).',
      },
    });
    app.get('/docs', async (c) => {
      const { renderDocsPage } = await import('./docs-page.js');
      return c.html(
        renderDocsPage(app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'Baton API', version } })),
      );
    });
  }

  app.notFound((c) =>
    problemResponse(c, {
      title: 'Not found',
      status: 404,
      detail: `Nothing is served at ${c.req.method} ${c.req.path}.`,
    }),
  );

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problem);
    if (error instanceof TooManyRequestsError) c.header('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof DomainError)
      return problemResponse(c, { title: error.title, status: statusOfKind[error.kind], detail: error.message });
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, {
        title: error.status === 400 ? 'Malformed request' : 'Request refused',
        status: error.status,
        detail: error.message,
      });
    }
    (c.get('logger') ?? logger).error('unhandled error', error as Error);
    return problemResponse(c, {
      title: 'Internal error',
      status: 500,
      detail: `Something failed on our side; quote request id ${c.get('requestId') ?? 'unknown'}.`,
    });
  });

  return app;
}

/**
 * Every route declared with authorize() or visitorSession() also states its access in the OpenAPI
 * document (`x-baton-access` and bearer security, or `x-baton-visitor` and the visitor token scheme;
 * an optional token is `[{}, {visitorToken: []}]`), so what the document says is what the server enforces.
 */
function declareAccessInOpenApi(app: OpenAPIHono<AppEnv>): void {
  const register = app.openapi;
  app.openapi = ((route, handler, hook) => {
    const middleware = [route.middleware ?? []].flat();
    const access = middleware.find(isAuthorizeMiddleware)?.access;
    const visitor = middleware.find(isVisitorSessionMiddleware)?.visitorAccess;
    const limited = middleware.some(isRateLimitMiddleware) ? withTooManyRequests(route) : route;
    const declared = access
      ? { ...limited, security: route.security ?? [{ bearerAuth: [] }], [ACCESS_EXTENSION]: { ...access } }
      : visitor
        ? {
            ...limited,
            security: visitor.token === 'required' ? [{ [VISITOR_SCHEME]: [] }] : [{}, { [VISITOR_SCHEME]: [] }],
            [VISITOR_EXTENSION]: { ...visitor },
          }
        : limited;
    return register(declared, handler, hook);
  }) as typeof app.openapi;
}

/** A rate-limited operation documents its 429 and the Retry-After that comes with it. */
function withTooManyRequests<R extends { responses: object }>(route: R): R {
  const { 429: tooMany } = problemResponses(429);
  return {
    ...route,
    responses: {
      ...route.responses,
      429: {
        ...tooMany!,
        headers: {
          'Retry-After': {
            description: 'Seconds until the limit that refused the request starts counting again.',
            schema: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
  };
}

/** The request's child logger, built the first time something logs through it. */
function lazily(build: () => Logger): Logger {
  let child: Logger | undefined;
  return new Proxy({} as Logger, {
    get: (_target, property) => {
      child ??= build();
      const value = Reflect.get(child, property, child);
      return typeof value === 'function' ? value.bind(child) : value;
    },
  });
}
