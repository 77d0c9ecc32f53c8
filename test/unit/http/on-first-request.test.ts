import type { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import type { Dependencies } from '../../../functions/app/dependencies.js';
import { HmacVisitorSessions } from '../../../functions/adapters/auth/visitor-sessions.hmac.js';
import { createApp, type RouteGroup } from '../../../functions/http/create-app.js';
import {
  appOnFirstRequest,
  type RouteGroupOnFirstRequest,
} from '../../../functions/http/route-groups/on-first-request.js';

const logger = { info: vi.fn(), error: vi.fn(), warn: vi.fn(), createChild: () => logger };
const build = (routes: readonly RouteGroup[]) =>
  createApp({
    deps: {} as Dependencies,
    logger: logger as unknown as Logger,
    verifier: { verify: () => Promise.reject(new Error('no tokens')) },
    visitorSessions: new HmacVisitorSessions({ secret: new Uint8Array(32) }),
    routes,
  });

/** A group answering its name on `/v1/{name}/{id}`, counting how often its module was read. */
function groupNamed(name: string, failFirstReads = 0) {
  const reads = { count: 0 };
  const group: RouteGroupOnFirstRequest = {
    paths: [`/v1/${name}/{id}`],
    load: async () => {
      reads.count++;
      if (reads.count <= failFirstReads) throw new Error(`module of ${name} unreadable`);
      return (app) => {
        app.get(`/v1/${name}/:id`, (c) => c.json({ group: name, id: c.req.param('id') }));
      };
    },
  };
  return { group, reads };
}

describe('route groups read on the first request to one of their paths', () => {
  it('reads no group at the start, then only the group a request reaches, once', async () => {
    const [slots, chats] = [groupNamed('slots'), groupNamed('chats')];
    const app = appOnFirstRequest([slots.group, chats.group], build);
    expect([slots.reads.count, chats.reads.count]).toEqual([0, 0]);

    const answers = await Promise.all([app.request('/v1/slots/a'), app.request('/v1/slots/b')]);

    expect(await Promise.all(answers.map((answer) => answer.json()))).toEqual([
      { group: 'slots', id: 'a' },
      { group: 'slots', id: 'b' },
    ]);
    expect([slots.reads.count, chats.reads.count]).toEqual([1, 0]);
    expect((await app.request('/v1/other/a')).status).toBe(404);
    expect([slots.reads.count, chats.reads.count]).toEqual([1, 0]);
  });

  it('answers a path no group declares, or a method a group does not serve, with the same 404 problem', async () => {
    const { group } = groupNamed('slots');
    const app = appOnFirstRequest([group], build);

    for (const [path, method] of [
      ['/v1/other/a', 'GET'],
      ['/v1/slots/a', 'DELETE'],
    ] as const) {
      const answer = await app.request(path, { method });
      expect(answer.status, path).toBe(404);
      expect(await answer.json(), path).toMatchObject({
        title: 'Not found',
        detail: `Nothing is served at ${method} ${path}.`,
      });
    }
  });

  it('answers 500 problem+json through the error mapper when a group cannot be read, and reads it again next time', async () => {
    const { group, reads } = groupNamed('slots', 1);
    const app = appOnFirstRequest([group], build);

    const failed = await app.request('/v1/slots/a', { headers: { 'x-request-id': 'req-1' } });

    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toContain('application/problem+json');
    expect(await failed.json()).toMatchObject({ title: 'Internal error', detail: expect.stringContaining('req-1') });
    expect(logger.error).toHaveBeenCalledWith(
      'unhandled error',
      expect.objectContaining({ message: 'module of slots unreadable' }),
    );
    const next = await app.request('/v1/slots/a');
    expect(await next.json()).toEqual({ group: 'slots', id: 'a' });
    expect(reads.count).toBe(2);
  });
});
