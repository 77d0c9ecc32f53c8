import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { registerAccountRoutes } from '../routes/account-routes.js';
import { registerAuthRoutes, type SignInOptions } from '../routes/auth-routes.js';
import { registerLeadRoutes } from '../routes/lead-routes.js';
import { registerListRoutes } from '../routes/list-routes.js';
import { registerPrivacyRoutes } from '../routes/privacy-routes.js';
import { registerLiveChatRoutes } from '../routes/live-chat-routes.js';
import { registerRepRoutes } from '../routes/rep-routes.js';
import { registerReportRoutes } from '../routes/report-routes.js';
import { registerRulebookRoutes } from '../routes/rulebook-routes.js';
import { registerSchedulingRoutes } from '../routes/scheduling-routes.js';
import { registerSiteRoutes } from '../routes/site-routes.js';
import { registerSyncRoutes } from '../routes/sync-routes.js';
import { registerVisitorRoutes } from '../routes/visitor-routes.js';

/** The console's and admins' API: sign-in, and every operation that asks for a token. */
export function consoleRoutes(signIn: SignInOptions | undefined) {
  return (app: OpenAPIHono<AppEnv>): void => {
    registerAuthRoutes(app, signIn);
    registerVisitorRoutes(app);
    registerAccountRoutes(app);
    registerRulebookRoutes(app);
    registerRepRoutes(app);
    registerSchedulingRoutes(app);
    registerSyncRoutes(app);
    registerLeadRoutes(app);
    registerReportRoutes(app);
    registerListRoutes(app);
    registerSiteRoutes(app);
    registerLiveChatRoutes(app);
    registerPrivacyRoutes(app);
  };
}
