import type { RouteGroupOnFirstRequest } from './on-first-request.js';

/**
 * The public visitor API as the visitor function serves it (the same routes as `visitorRoutes`), each route
 * module read by the first request to one of its paths: an instance that only answers page views never
 * builds the booking or chat schemas. Listed in the order a visitor meets them.
 */
export const visitorRoutesOnFirstRequest: readonly RouteGroupOnFirstRequest[] = [
  {
    paths: ['/v1/visitor-events'],
    load: async () => (await import('../routes/visitor-routes.js')).registerVisitorEventRoutes,
  },
  {
    paths: [
      '/v1/sites/{siteKey}/widget-config',
      '/v1/conversations',
      '/v1/conversations/{conversationId}',
      '/v1/conversations/{conversationId}/messages',
    ],
    load: async () => (await import('../routes/conversation-routes.js')).registerConversationRoutes,
  },
  {
    paths: [
      '/v1/conversations/{conversationId}/slots',
      '/v1/conversations/{conversationId}/meetings',
      '/v1/meetings/{meetingId}',
      '/v1/meetings/{meetingId}/slots',
      '/v1/meetings/{meetingId}/reschedule',
      '/v1/meetings/{meetingId}/cancel',
    ],
    load: async () => (await import('../routes/scheduling-routes.js')).registerPublicSchedulingRoutes,
  },
  {
    paths: ['/v1/conversations/{conversationId}/live', '/v1/conversations/{conversationId}/typing'],
    load: async () => (await import('../routes/live-chat-routes.js')).registerVisitorLiveChatRoutes,
  },
];
