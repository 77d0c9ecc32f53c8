/** Sent with every call about the visitor; the server's visitor-session middleware reads it. */
const VISITOR_TOKEN_HEADER = 'X-Baton-Visitor-Token';

interface Held {
  visitorId: string;
  token: string;
}

export interface WidgetApi {
  /**
   * One call to the API with the visitor's token when this browser holds one; a token in the answer
   * (the first page view or conversation start, and every renewal) is kept for the next calls.
   */
  call<T>(
    path: string,
    init?: { method: string; body?: unknown; keepalive?: boolean },
  ): Promise<{ status: number; body: T }>;
  /** The visitor this browser is on the site, or null before the first answer named one. */
  visitorId(): string | null;
  /** The visitor's token, for the live-chat socket's messages (a socket carries no headers). */
  visitorToken(): string | null;
}

const heldKey = (siteKey: string) => `baton:${siteKey}:visitor`;

/**
 * The widget's only way to the API, shared by the launcher and the chat. The visitor id and its
 * server-signed token are kept together in localStorage per site; the server never takes an id
 * without its token, so the id alone is only for display and storage keys.
 */
export function createApi(base: string, siteKey: string): WidgetApi {
  const held = (): Held | null => {
    try {
      const value = JSON.parse(localStorage.getItem(heldKey(siteKey)) ?? 'null') as Partial<Held> | null;
      return value && typeof value.visitorId === 'string' && typeof value.token === 'string' ? (value as Held) : null;
    } catch {
      return null;
    }
  };
  return {
    visitorId: () => held()?.visitorId ?? null,
    visitorToken: () => held()?.token ?? null,
    async call<T>(path: string, init?: { method: string; body?: unknown; keepalive?: boolean }) {
      const token = held()?.token;
      const response = await fetch(`${base}${path}`, {
        method: init?.method ?? 'GET',
        headers: {
          ...(init?.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { [VISITOR_TOKEN_HEADER]: token } : {}),
        },
        body: init?.body !== undefined ? JSON.stringify(init.body) : null,
        keepalive: init?.keepalive ?? false,
      });
      const body = (await response.json().catch(() => null)) as T;
      const issued = body as { visitorToken?: unknown; visitorId?: unknown; conversation?: { visitorId?: unknown } };
      const visitorId = issued?.visitorId ?? issued?.conversation?.visitorId;
      if (response.ok && typeof issued?.visitorToken === 'string' && typeof visitorId === 'string')
        localStorage.setItem(heldKey(siteKey), JSON.stringify({ visitorId, token: issued.visitorToken }));
      // An expired token (or a deployment with a new secret): the next call starts as a new visitor.
      else if (response.status === 401 && token) localStorage.removeItem(heldKey(siteKey));
      return { status: response.status, body };
    },
  };
}
