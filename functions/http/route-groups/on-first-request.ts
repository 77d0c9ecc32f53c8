import { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import type { RouteGroup } from '../create-app.js';

/**
 * A route group whose module (its routes, the schemas they validate with and what their handlers import) is
 * read by the first request to one of its paths, not by the cold start.
 */
export interface RouteGroupOnFirstRequest {
  /**
   * Every path its routes declare, as in the OpenAPI document (`{param}`): a request to one of them, whatever
   * its method, is that group's (test/unit/http/visitor-app.test.ts checks them against the routes).
   */
  paths: readonly string[];
  load: () => Promise<RouteGroup>;
}

/**
 * Builds once; a failed build (its module could not be read, say while the package is replaced) is tried
 * again by the next request. The module loader keeps what it read, so a secret rotation's new apps read
 * nothing again.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

const honoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/** What the base app throws for a request whose group could not be read (passed in the request's env). */
const GROUP_READ_FAILURE = 'routeGroupReadFailure';

/**
 * One app per group, each built (`build`, the same `createApp` as everywhere, so the same middleware, error
 * mapper and not-found answer) when the first request to one of its paths arrives, and a base app without
 * groups for every other path, built with the first request too (`build` may read the app's own module
 * then). A request reaches exactly one of them, so it passes the middleware once. A group whose module
 * cannot be read answers through the base app's error mapper (500, logged with the request id) and is read
 * again by the next request; a base app that cannot be built fails the request (the Lambda's error) and is
 * built again by the next one.
 */
export function appOnFirstRequest(
  groups: readonly RouteGroupOnFirstRequest[],
  build: (routes: readonly RouteGroup[]) => Hono<AppEnv> | Promise<Hono<AppEnv>>,
): Hono<AppEnv> {
  const base = once(async () =>
    build([
      (app) => {
        for (const group of groups)
          for (const path of group.paths)
            app.use(honoPath(path), (c) => {
              throw (c.env as Record<string, unknown>)[GROUP_READ_FAILURE];
            });
      },
    ]),
  );
  const dispatcher = new Hono<AppEnv>();
  for (const group of groups) {
    const app = once(async () => build([await group.load()]));
    const forward = async (request: Request, env: unknown) => {
      let served: Hono<AppEnv>;
      try {
        served = await app();
      } catch (error) {
        return (await base()).fetch(request, { ...(env as object), [GROUP_READ_FAILURE]: error });
      }
      return served.fetch(request, env);
    };
    for (const path of group.paths) dispatcher.all(honoPath(path), (c) => forward(c.req.raw, c.env));
  }
  dispatcher.all('*', async (c) => (await base()).fetch(c.req.raw, c.env));
  return dispatcher;
}
