import { createRoute, type z, type OpenAPIHono } from '@hono/zod-openapi';
import type { LiveChat } from '../../core/live-chat/live-chat.js';
import { forbidden, notFound } from '../../app/errors.js';
import type { AppEnv } from '../app-env.js';
import { rateLimited } from '../middleware/rate-limit.js';
import { authorize } from '../middleware/authorize.js';
import { visitorSession } from '../middleware/visitor-session.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import { ConversationIdParam } from '../schemas/conversation-schemas.js';
import {
  AfterQuery,
  Inbox,
  InboxQuery,
  LiveChatParams,
  LiveChatSummary,
  LiveChatView,
  RepMessageBody,
  RepMessageResult,
  RepPresenceParams,
  RepPresenceView,
  SetRepPresenceBody,
} from '../schemas/live-chat-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { onFirstUse } from '../../bundling/on-first-use.js';

// Use cases load with the first request that calls them: a cold start reads only the routes.
const acceptLiveChat = onFirstUse(() =>
  import('../../app/live-chat/accept-live-chat.js').then((m) => m.acceptLiveChat),
);
const declineLiveChat = onFirstUse(() =>
  import('../../app/live-chat/decline-live-chat.js').then((m) => m.declineLiveChat),
);
const endLiveChat = onFirstUse(() => import('../../app/live-chat/end-live-chat.js').then((m) => m.endLiveChat));
const getLiveChat = onFirstUse(() => import('../../app/live-chat/get-live-chat.js').then((m) => m.getLiveChat));
const listInbox = onFirstUse(() => import('../../app/live-chat/list-inbox.js').then((m) => m.listInbox));
const postRepMessage = onFirstUse(() =>
  import('../../app/live-chat/post-rep-message.js').then((m) => m.postRepMessage),
);
const postTyping = onFirstUse(() => import('../../app/live-chat/post-typing.js').then((m) => m.postTyping));
const setRepPresence = onFirstUse(() =>
  import('../../app/live-chat/set-rep-presence.js').then((m) => m.setRepPresence),
);

const tags = ['Live chat'];
const security = [{ bearerAuth: [] }];
const team = [authorize({ roles: ['rep', 'sales'], site: 'param' })];
/** Only the rep a chat is offered to or served by moves it or writes in it. */
const repOnly = [authorize({ roles: ['rep'], site: 'param' })];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const setRepPresenceRoute = createRoute({
  operationId: 'setRepPresence',
  method: 'put',
  path: '/v1/sites/{siteKey}/reps/{repId}/presence',
  tags,
  security,
  middleware: team,
  summary: 'A rep says available or away for live chat (a rep for themselves, sales for anyone)',
  description:
    'The answer is the presence now: available only inside working hours, not out of office and not in a meeting. Going available offers the rep the oldest visitors waiting.',
  request: {
    params: RepPresenceParams,
    body: { required: true, content: { 'application/json': { schema: SetRepPresenceBody } } },
  },
  responses: { 200: json(RepPresenceView, 'Stored'), ...problemResponses(400, 401, 403, 404) },
});

const listInboxRoute = createRoute({
  operationId: 'listInbox',
  method: 'get',
  path: '/v1/sites/{siteKey}/inbox',
  tags,
  security,
  middleware: team,
  summary: 'A rep’s live-chat inbox: waiting, offered, live and recent conversations with the lead’s context',
  request: { params: SiteKeyParam, query: InboxQuery },
  responses: { 200: json(Inbox, 'The inbox'), ...problemResponses(400, 401, 403, 422) },
});

const chatAction = (operationId: string, action: string, summary: string) =>
  createRoute({
    operationId,
    method: 'post',
    path: `/v1/sites/{siteKey}/live-chats/{conversationId}/${action}`,
    tags,
    security,
    middleware: repOnly,
    summary,
    request: { params: LiveChatParams },
    responses: {
      200: json(LiveChatSummary, 'The live chat after the step'),
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
const acceptRoute = chatAction('acceptLiveChat', 'accept', 'The offered rep takes the conversation');
const declineRoute = chatAction(
  'declineLiveChat',
  'decline',
  'The offered rep passes; the next available rep is asked',
);
const endRoute = chatAction('endLiveChat', 'end', 'The rep ends the live chat; the playbook goes on for the visitor');

const postRepMessageRoute = createRoute({
  operationId: 'postRepMessage',
  method: 'post',
  path: '/v1/sites/{siteKey}/live-chats/{conversationId}/messages',
  tags,
  security,
  middleware: repOnly,
  summary: 'A rep writes to the visitor in their live chat',
  request: {
    params: LiveChatParams,
    body: { required: true, content: { 'application/json': { schema: RepMessageBody } } },
  },
  responses: {
    201: json(RepMessageResult, 'Stored as a turn of the conversation'),
    200: json(RepMessageResult, 'Already stored earlier (same clientMessageId)'),
    ...problemResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

const getRepLiveChatRoute = createRoute({
  operationId: 'getRepLiveChat',
  method: 'get',
  path: '/v1/sites/{siteKey}/live-chats/{conversationId}',
  tags,
  security,
  middleware: team,
  summary: 'A live chat as the rep sees it: the turns after `after`, status and typing',
  request: { params: LiveChatParams, query: AfterQuery },
  responses: { 200: json(LiveChatView, 'The live chat'), ...problemResponses(400, 401, 403, 404) },
});

const postRepTypingRoute = createRoute({
  operationId: 'postRepTyping',
  method: 'post',
  path: '/v1/sites/{siteKey}/live-chats/{conversationId}/typing',
  tags,
  security,
  middleware: repOnly,
  summary: 'The rep is typing',
  request: { params: LiveChatParams },
  responses: { 204: { description: 'Passed on' }, ...problemResponses(400, 401, 403, 404) },
});

const getLiveChatRoute = createRoute({
  operationId: 'getLiveChat',
  method: 'get',
  path: '/v1/conversations/{conversationId}/live',
  tags,
  middleware: [visitorSession({ token: 'required', conversation: 'param' }), rateLimited()],
  summary: 'The visitor’s live chat since turn `after`: the polling fallback and the resume after a dropped connection',
  request: { params: ConversationIdParam, query: AfterQuery },
  responses: { 200: json(LiveChatView, 'The live chat'), ...problemResponses(400, 401, 403, 404) },
});

const postVisitorTypingRoute = createRoute({
  operationId: 'postVisitorTyping',
  method: 'post',
  path: '/v1/conversations/{conversationId}/typing',
  tags,
  middleware: [visitorSession({ token: 'required', conversation: 'param' }), rateLimited()],
  summary: 'The visitor is typing',
  request: { params: ConversationIdParam },
  responses: { 204: { description: 'Passed on' }, ...problemResponses(400, 401, 403, 404) },
});

const summaryOf = (chat: LiveChat) => ({
  conversationId: chat.conversationId,
  status: chat.status,
  repId: chat.repId,
  requestedAt: chat.requestedAt,
  acceptedAt: chat.acceptedAt,
  endedAt: chat.endedAt,
});

export function registerLiveChatRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(setRepPresenceRoute, async (c) => {
    const { siteKey, repId } = c.req.valid('param');
    const view = await setRepPresence(c.get('deps'), c.get('principal'), siteKey, repId, c.req.valid('json').setting);
    return c.json(view, 200);
  });
  app.openapi(listInboxRoute, async (c) => {
    const inbox = await listInbox(
      c.get('deps'),
      c.get('principal'),
      c.req.valid('param').siteKey,
      c.req.valid('query').repId,
    );
    return c.json(inbox, 200);
  });
  for (const [route, step] of [
    [acceptRoute, acceptLiveChat],
    [declineRoute, declineLiveChat],
    [endRoute, endLiveChat],
  ] as const)
    app.openapi(route, async (c) => {
      const { siteKey, conversationId } = c.req.valid('param');
      return c.json(summaryOf(await step(c.get('deps'), c.get('principal'), siteKey, conversationId)), 200);
    });
  app.openapi(postRepMessageRoute, async (c) => {
    const { siteKey, conversationId } = c.req.valid('param');
    const result = await postRepMessage(
      c.get('deps'),
      c.get('principal'),
      siteKey,
      conversationId,
      c.req.valid('json'),
    );
    return c.json(result, result.replayed ? 200 : 201);
  });
  app.openapi(getRepLiveChatRoute, async (c) => {
    const { siteKey, conversationId } = c.req.valid('param');
    await mayReadLiveChat(c.get('deps'), c.get('principal'), siteKey, conversationId);
    return c.json(await getLiveChat(c.get('deps'), conversationId, c.req.valid('query').after), 200);
  });
  app.openapi(postRepTypingRoute, async (c) => {
    const { siteKey, conversationId } = c.req.valid('param');
    await mayReadLiveChat(c.get('deps'), c.get('principal'), siteKey, conversationId);
    await postTyping(c.get('deps'), conversationId, 'rep');
    return c.body(null, 204);
  });
}

/** Public: the visitor's side of a live chat. */
export function registerVisitorLiveChatRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getLiveChatRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    return c.json(await getLiveChat(c.get('deps'), conversationId, c.req.valid('query').after), 200);
  });
  app.openapi(postVisitorTypingRoute, async (c) => {
    await postTyping(c.get('deps'), c.req.valid('param').conversationId, 'visitor');
    return c.body(null, 204);
  });
}

/** A rep reads the live chats offered to them or that may be; sales and admins every chat of the site. */
async function mayReadLiveChat(
  deps: AppEnv['Variables']['deps'],
  principal: AppEnv['Variables']['principal'],
  siteKey: string,
  conversationId: string,
) {
  const chat = await deps.liveChats.get(siteKey, conversationId);
  if (!chat) throw notFound('Unknown live chat', `The conversation "${conversationId}" has no live chat on this site.`);
  if (principal.roles.some((role) => role === 'sales' || role === 'admin')) return;
  const repId = principal.repId;
  if (repId === null || (chat.repId !== repId && !chat.candidates.includes(repId)))
    throw forbidden('Not allowed', 'This live chat is not offered to you.');
}
