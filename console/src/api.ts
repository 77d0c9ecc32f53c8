import { session, signOut } from './session.js';

/** A refusal or failure from the API, carrying its problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: Array<{ pointer: string; in?: string; detail: string }> = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** Calls the API on the same origin with the signed-in person's token; problem+json becomes an ApiError. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.value?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'No connection', 'The server could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  const body = text ? safeParse(text) : null;
  if (!response.ok) {
    const problem = (body ?? {}) as { title?: string; detail?: string; errors?: ApiError['errors'] };
    // An expired or foreign token: back to the sign-in page rather than a page of errors.
    if (response.status === 401 && token) signOut('Your session has ended; please sign in again.');
    throw new ApiError(
      response.status,
      problem.title ?? `Request failed (${response.status})`,
      problem.detail ?? response.statusText,
      problem.errors ?? [],
    );
  }
  return body as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const sitePath = (siteKey: string, rest: string) => `/v1/sites/${encodeURIComponent(siteKey)}${rest}`;
