import type { RouteGroup } from '../create-app.js';
import type { SignInOptions } from '../routes/auth-routes.js';
import { consoleRoutes } from './console-routes.js';
import { visitorRoutes } from './visitor-routes.js';

/** Every route group: what the local server and the console's function serve. */
export function everyRoute(signIn?: SignInOptions): RouteGroup[] {
  return [visitorRoutes, consoleRoutes(signIn)];
}
