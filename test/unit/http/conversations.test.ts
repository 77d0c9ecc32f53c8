import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../../support/test-store.js';
import { createTestApp } from '../../support/test-app.js';
import { VISITOR_TOKEN_HEADER } from '../../../functions/http/middleware/visitor-session.js';

describe('conversation endpoints', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
  });
  beforeEach(async () => {
    t = await createTestApp(store, { maxBodyBytes: 4096 });
  });
  afterAll(() => store.close());

  const start = async (language?: string) => {
    const visitor = t.visitor();
    const response = await visitor.json('/v1/conversations', {
      siteKey: 'test-site',
      ...(language ? { language } : {}),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      conversation: { id: string; language: string };
      messages: Array<{ role: string; text: string }>;
    };
    return { ...body, visitor };
  };
  /** A visitor who has made no call yet: their token, and a conversation id that token opens (nothing stored). */
  const quietVisitor = () => {
    const session = { siteKey: 'test-site', visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3AV01' };
    return {
      headers: { [VISITOR_TOKEN_HEADER]: t.visitorSessions.issue(session, t.deps.clock()) },
      conversationId: t.visitorSessions.newConversationId(session, t.deps.clock()),
    };
  };

  it('starts a conversation with the greeting and the first question in the visitor language', async () => {
    const body = await start('es-ES');

    expect(body.conversation.language).toBe('es-ES');
    expect(body.messages.map((m) => [m.role, m.text])).toEqual([
      ['bot', 'Hola.'],
      ['bot', '¿Qué necesitas?'],
    ]);
  });

  it('answers a visitor message with the next question and stores both', async () => {
    const { conversation, visitor } = await start();

    const response = await visitor.json(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'client-0001',
      text: 'Lead routing',
    });
    const read = await visitor.request(`/v1/conversations/${conversation.id}`);

    expect(response.status).toBe(201);
    expect(((await response.json()) as { messages: unknown[] }).messages).toMatchObject([
      { role: 'visitor', text: 'Lead routing' },
      { role: 'bot', text: 'Your email?' },
    ]);
    const stored = (await read.json()) as { messages: Array<{ role: string; text: string }> };
    expect(stored.messages.map((m) => m.text)).toEqual([
      'Hello there.',
      'What do you need?',
      'Lead routing',
      'Your email?',
    ]);
  });

  it('applies a retried message once and answers the retry with the stored result', async () => {
    const { conversation, visitor } = await start();
    const send = () =>
      visitor.json(`/v1/conversations/${conversation.id}/messages`, {
        clientMessageId: 'client-retry-1',
        text: 'Once only',
      });

    const first = await send();
    const retry = await send();

    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { replayed: boolean }).replayed).toBe(true);
    const stored = (await (await visitor.request(`/v1/conversations/${conversation.id}`)).json()) as {
      messages: unknown[];
    };
    expect(stored.messages).toHaveLength(4);
  });

  it('answers 404 problem+json for an unknown site and for an unknown conversation of the visitor', async () => {
    const site = await t.json('/v1/conversations', { siteKey: 'no-such-site' });
    const { headers, conversationId } = quietVisitor();
    const conversation = await t.request(`/v1/conversations/${conversationId}`, { headers });

    for (const response of [site, conversation]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({
        status: 404,
        title: expect.any(String),
        detail: expect.any(String),
      });
    }
  });

  describe('bad input changes nothing stored', () => {
    const cases: Array<[string, () => Promise<Response>, number, unknown?]> = [
      ['malformed JSON', () => t.json('/v1/conversations', '{"siteKey": "test-site"'), 400],
      ['a wrong type', () => t.json('/v1/conversations', { siteKey: 42 }), 400, [{ pointer: '/siteKey', in: 'body' }]],
      ['an unknown field', () => t.json('/v1/conversations', { siteKey: 'test-site', admin: true }), 400],
      [
        'a body that is not JSON',
        () =>
          t.request('/v1/conversations', {
            method: 'POST',
            body: 'siteKey=test-site',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          }),
        415,
      ],
      [
        'an oversized body',
        () => t.json('/v1/conversations', { siteKey: 'test-site', language: 'x'.repeat(5000) }),
        413,
      ],
      [
        'a bad path id',
        () =>
          t.json(
            '/v1/conversations/not-an-id/messages',
            { clientMessageId: 'client-0001', text: 'hi' },
            { headers: quietVisitor().headers },
          ),
        400,
        [{ pointer: '/conversationId', in: 'path' }],
      ],
      [
        'an empty message',
        () => {
          const { headers, conversationId } = quietVisitor();
          return t.json(
            `/v1/conversations/${conversationId}/messages`,
            { clientMessageId: 'client-0001', text: '   ' },
            { headers },
          );
        },
        400,
        [{ pointer: '/text', in: 'body', detail: 'must not be empty' }],
      ],
      [
        'a too long message',
        () => {
          const { headers, conversationId } = quietVisitor();
          return t.json(
            `/v1/conversations/${conversationId}/messages`,
            { clientMessageId: 'client-0001', text: 'y'.repeat(2001) },
            { headers },
          );
        },
        400,
        [{ pointer: '/text', in: 'body' }],
      ],
    ];

    it.each(cases)('%s gets a 4xx problem+json', async (_name, send, status, errors) => {
      const before = await store.allItems();

      const response = await send();

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
      if (errors) expect(problem.errors).toMatchObject(errors);
      expect(await store.allItems()).toEqual(before);
    });

    it('an oversized message to an existing conversation leaves its turns as they were', async () => {
      const { conversation, visitor } = await start();
      const before = await visitor.request(`/v1/conversations/${conversation.id}`).then((r) => r.json());

      const response = await visitor.json(`/v1/conversations/${conversation.id}/messages`, {
        clientMessageId: 'client-0002',
        text: 'z'.repeat(4500),
      });

      expect(response.status).toBe(413);
      expect(await visitor.request(`/v1/conversations/${conversation.id}`).then((r) => r.json())).toEqual(before);
    });
  });

  it('returns a request id on every response and takes the caller one when given', async () => {
    const response = await t.app.request('/health', { headers: { 'x-request-id': 'trace-123' } });

    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers an unknown path with a 404 problem', async () => {
    const response = await t.app.request('/v1/nothing-here');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
