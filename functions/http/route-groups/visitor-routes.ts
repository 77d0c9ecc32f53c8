import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { registerConversationRoutes } from '../routes/conversation-routes.js';
import { registerVisitorLiveChatRoutes } from '../routes/live-chat-routes.js';
import { registerPublicSchedulingRoutes } from '../routes/scheduling-routes.js';
import { registerVisitorEventRoutes } from '../routes/visitor-routes.js';

/**
 * The public visitor API (widget config, conversations, messages, live chat, visitor events, slots,
 * booking, manage link): no operation here asks for a bearer token; those about one visitor need that
 * visitor's token (middleware/visitor-session.ts). The visitor function serves only this group,
 * so its bundle holds none of the console's use cases.
 */
export function visitorRoutes(app: OpenAPIHono<AppEnv>): void {
  registerConversationRoutes(app);
  registerVisitorEventRoutes(app);
  registerPublicSchedulingRoutes(app);
  registerVisitorLiveChatRoutes(app);
}
