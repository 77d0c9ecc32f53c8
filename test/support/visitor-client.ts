import { VISITOR_TOKEN_HEADER } from '../../functions/http/middleware/visitor-session.js';

export interface VisitorClient {
  /** Sends the visitor token once one was issued, and keeps every renewed token an answer carries. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A POST of `body` as JSON. */
  json(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  /** The token this visitor holds, undefined before the first call that issues one. */
  readonly token: string | undefined;
}

const jsonPost =
  (request: (path: string, init?: RequestInit) => Promise<Response>) =>
  (path: string, body: unknown, init: RequestInit = {}) =>
    request(path, {
      method: 'POST',
      ...init,
      headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

/**
 * One visitor calling the public operations as the widget does: the first call (a page view or a
 * conversation start) returns their token, and every later call sends it. A second visitor is a
 * second client.
 */
export function aVisitorClient(send: (path: string, init: RequestInit) => Promise<Response>): VisitorClient {
  let token: string | undefined;
  const request = async (path: string, init: RequestInit = {}) => {
    const response = await send(path, {
      ...init,
      headers: { ...(token ? { [VISITOR_TOKEN_HEADER]: token } : {}), ...(init.headers as Record<string, string>) },
    });
    if (response.ok && response.headers.get('content-type')?.startsWith('application/json')) {
      const body = (await response.clone().json()) as { visitorToken?: unknown };
      if (typeof body?.visitorToken === 'string') token = body.visitorToken;
    }
    return response;
  };
  return {
    request,
    json: jsonPost(request),
    get token() {
      return token;
    },
  };
}

export interface VisitorJar {
  /** Like fetch on the server, with the visitor token of the conversation or visitor the request names. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A POST of `body` as JSON. */
  json(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  /** A call with an optional JSON body, answered as its status and its parsed JSON body. */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** The token kept for a visitor id or a conversation id. */
  tokenOf(id: string): string | undefined;
}

/** Tests read the answers of every operation by path, so the body is left untyped. */
export type Answer = { status: number; body: any };

const CONVERSATION_PATH = /^\/v1\/conversations\/([0-9A-HJKMNP-TV-Z]{26})(?:[/?]|$)/;

/**
 * Many visitors at once, for tests that act as several: every token an answer issues is kept under its
 * visitor id and conversation id, and sent again with a request that names either (the path's
 * conversation, or `visitorId` in the body). A request that names neither is a new visitor.
 */
export function aVisitorJar(send: (path: string, init: RequestInit) => Promise<Response>): VisitorJar {
  const tokens = new Map<string, string>();
  const named = (path: string, init: RequestInit): string | undefined => {
    const conversationId = CONVERSATION_PATH.exec(path)?.[1];
    if (conversationId) return conversationId;
    if (typeof init.body !== 'string') return undefined;
    try {
      const visitorId = (JSON.parse(init.body) as { visitorId?: unknown } | null)?.visitorId;
      return typeof visitorId === 'string' ? visitorId : undefined;
    } catch {
      return undefined;
    }
  };
  const request = async (path: string, init: RequestInit = {}) => {
    const id = named(path, init);
    const token = id ? tokens.get(id) : undefined;
    const response = await send(path, {
      ...init,
      headers: { ...(token ? { [VISITOR_TOKEN_HEADER]: token } : {}), ...(init.headers as Record<string, string>) },
    });
    if (response.ok && response.headers.get('content-type')?.startsWith('application/json')) {
      const body = (await response.clone().json()) as {
        visitorToken?: unknown;
        visitorId?: unknown;
        conversation?: { id?: unknown; visitorId?: unknown };
      };
      if (typeof body?.visitorToken === 'string') {
        const visitorId = body.visitorId ?? body.conversation?.visitorId;
        if (typeof visitorId === 'string') tokens.set(visitorId, body.visitorToken);
        if (typeof body.conversation?.id === 'string') tokens.set(body.conversation.id, body.visitorToken);
      }
    }
    return response;
  };
  const answer = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  };
  return { tokenOf: (id) => tokens.get(id), request, json: jsonPost(request), send: answer };
}

/** What the widget holds for a site in the page's localStorage: the visitor id and their token. */
export async function heldVisitor(
  page: { evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R> },
  siteKey: string,
): Promise<{ visitorId: string; token: string; headers: Record<string, string> }> {
  const held = JSON.parse(
    (await page.evaluate((key: string) => localStorage.getItem(key), `baton:${siteKey}:visitor`)) ?? 'null',
  ) as { visitorId: string; token: string } | null;
  if (!held) throw new Error(`the widget holds no visitor for ${siteKey}`);
  return { ...held, headers: { [VISITOR_TOKEN_HEADER]: held.token } };
}

export interface RoutedGlobexVisitor {
  /** The email they give in the chat; a globex.com address is what matches the named account. */
  email?: string;
  /** Their name, given with their job title before the chat. */
  name?: string;
  /** What they say they need, the chat's first answer. */
  need?: string;
  /** Tells the two messages' clientMessageIds (`need-<tag>`, `mail-<tag>`) from another conversation's. */
  tag?: string;
  /** The conversation's language. */
  language?: string;
}

/**
 * A qualified visitor of the demo site's named account Globex (a VP of Sales), in a conversation routed to
 * the account's owner, Ana: they identify, start a conversation, say what they need and give their email,
 * as the widget does. `visitors` keeps the token the identify issues.
 */
export async function aRoutedGlobexConversation(
  visitors: Pick<VisitorJar, 'send'>,
  { email = 'vp@globex.com', name, need = 'A demo please', tag = '0001', language }: RoutedGlobexVisitor = {},
): Promise<{ visitorId: string; conversationId: string }> {
  const visitor = await visitors.send('POST', '/v1/visitor-events', {
    siteKey: 'demo',
    event: { type: 'identify', answers: { ...(name === undefined ? {} : { name }), jobTitle: 'VP Sales' } },
  });
  const visitorId = visitor.body.visitorId as string;
  const started = await visitors.send('POST', '/v1/conversations', {
    siteKey: 'demo',
    visitorId,
    ...(language === undefined ? {} : { language }),
  });
  const conversationId = started.body.conversation.id as string;
  const messages = `/v1/conversations/${conversationId}/messages`;
  await visitors.send('POST', messages, { clientMessageId: `need-${tag}`, text: need });
  await visitors.send('POST', messages, { clientMessageId: `mail-${tag}`, text: email });
  return { visitorId, conversationId };
}
