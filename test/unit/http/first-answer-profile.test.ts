import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VisitorProfile } from '../../../functions/core/visitors/visitor-profile.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';
import { createTestApp } from '../../support/test-app.js';
import type { VisitorClient } from '../../support/visitor-client.js';

/**
 * A visitor the conversation's start made has no profile: their first answer writes one without trying a
 * merge or a read first. These are the ways a profile can still be there, or appear meanwhile.
 */
describe("a new visitor's first answer in a chat", () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
  });
  beforeEach(async () => {
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  const start = async (visitor: VisitorClient = t.visitor()) => {
    const response = await visitor.json('/v1/conversations', { siteKey: 'test-site' });
    expect(response.status).toBe(201);
    const { conversation } = (await response.json()) as { conversation: { id: string; visitorId: string } };
    return { visitor, id: conversation.id, visitorId: conversation.visitorId };
  };
  const say = (chat: { visitor: VisitorClient; id: string }, text: string, clientMessageId = `client-${text.length}`) =>
    chat.visitor.json(`/v1/conversations/${chat.id}/messages`, { clientMessageId, text });
  const profileOf = (visitorId: string) => t.deps.visitors.get(visitorId);
  const viewPage = (visitor: VisitorClient, path: string) =>
    visitor.json('/v1/visitor-events', {
      siteKey: 'test-site',
      event: { type: 'page_view', url: `https://test.example${path}` },
    });

  it('makes their profile with the answer, and the next answer joins that profile', async () => {
    const chat = await start();
    expect(await profileOf(chat.visitorId)).toBeNull();

    expect((await say(chat, 'Lead routing')).status).toBe(201);
    expect(await profileOf(chat.visitorId)).toMatchObject({ answers: { need: 'Lead routing' }, version: 1 });

    expect((await say(chat, 'ann@globex.com')).status).toBe(201);
    expect(await profileOf(chat.visitorId)).toMatchObject({
      answers: { need: 'Lead routing', email: 'ann@globex.com' },
      version: 2,
    });
  });

  it('keeps a profile their token made since the start (a page view) and adds the answer to it', async () => {
    const chat = await start();
    expect((await viewPage(chat.visitor, '/pricing')).status).toBe(200);

    expect((await say(chat, 'Lead routing')).status).toBe(201);

    const profile = (await profileOf(chat.visitorId)) as VisitorProfile;
    expect(profile.answers).toEqual({ need: 'Lead routing' });
    expect(profile.pageViews.map((view) => view.path)).toEqual(['/pricing']);
    expect(profile.version).toBe(2);
  });

  it('keeps a profile stored between the turn deciding there was none and its write, and adds the answer to it', async () => {
    const chat = await start();
    const save = t.deps.visitors.save.bind(t.deps.visitors);
    let raced = false;
    t.deps.visitors.save = async (profile, events) => {
      if (!raced) {
        raced = true;
        expect((await viewPage(chat.visitor, '/meanwhile')).status).toBe(200);
      }
      return save(profile, events);
    };

    expect((await say(chat, 'Lead routing')).status).toBe(201);

    const profile = (await profileOf(chat.visitorId)) as VisitorProfile;
    expect(profile.answers).toEqual({ need: 'Lead routing' });
    expect(profile.pageViews.map((view) => view.path)).toEqual(['/meanwhile']);
    expect(profile.version).toBe(2);
  });

  it('stores one of two first messages sent at once, asks the other to be sent again, and applies both to one profile', async () => {
    const chat = await start();

    const answers = await Promise.all([say(chat, 'Lead routing', 'client-a'), say(chat, 'Scheduling', 'client-b')]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const profile = (await profileOf(chat.visitorId)) as VisitorProfile;
    expect(['Lead routing', 'Scheduling']).toContain(profile.answers.need);
    expect(profile.version).toBe(2);
    const stored = (await (await chat.visitor.request(`/v1/conversations/${chat.id}`)).json()) as {
      messages: Array<{ role: string; text: string }>;
    };
    expect(stored.messages.filter((message) => message.role === 'visitor')).toHaveLength(1);
  });

  it('applies a first message retried at once a single time, and answers a later retry with the stored turn', async () => {
    const chat = await start();

    const answers = await Promise.all([say(chat, 'Lead routing', 'client-r'), say(chat, 'Lead routing', 'client-r')]);
    const later = await say(chat, 'Lead routing', 'client-r');

    expect(answers.map((answer) => answer.status)).toContain(201);
    expect(later.status).toBe(200);
    const stored = (await (await chat.visitor.request(`/v1/conversations/${chat.id}`)).json()) as {
      messages: Array<{ role: string; text: string }>;
    };
    expect(stored.messages.filter((message) => message.role === 'visitor').map((message) => message.text)).toEqual([
      'Lead routing',
    ]);
    expect(await profileOf(chat.visitorId)).toMatchObject({ answers: { need: 'Lead routing' } });
  });

  it('makes a profile for a returning visitor who has none (their token, a second conversation)', async () => {
    const first = await start();
    const second = await start(first.visitor);
    expect(second.visitorId).toBe(first.visitorId);

    expect((await say(second, 'Lead routing')).status).toBe(201);

    expect(await profileOf(first.visitorId)).toMatchObject({ answers: { need: 'Lead routing' }, version: 1 });
  });
});
