import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVisitorJar } from '../support/visitor-client.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

describe('a lead rejected as a competitor is excluded from routing', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      relayIntervalMs: 3_600_000,
      timerIntervalMs: 3_600_000,
    });
  });
  afterAll(() => runtime.close());

  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const call = (method: string, path: string, body?: unknown, token?: string) =>
    visitors.send(method, path, body, token ? { Authorization: `Bearer ${token}` } : {});
  let chats = 0;
  /** A VP chats about routing and leaves an email; the same visitor again when `visitorId` is given. */
  const chat = async (email: string, visitorId?: string) => {
    chats++;
    const id =
      visitorId ??
      (
        await call('POST', '/v1/visitor-events', {
          siteKey: 'demo',
          event: { type: 'identify', answers: { name: 'Sam Spy', jobTitle: 'VP Sales' } },
        })
      ).body.visitorId;
    const started = await call('POST', '/v1/conversations', { siteKey: 'demo', visitorId: id });
    const conversationId = started.body.conversation.id as string;
    await call('POST', `/v1/conversations/${conversationId}/messages`, {
      clientMessageId: `need-answer-${chats}`,
      text: 'We need routing for our inbound team',
    });
    await call('POST', `/v1/conversations/${conversationId}/messages`, {
      clientMessageId: `email-answer-${chats}`,
      text: email,
    });
    await runtime.flushEvents();
    const decision = (await runtime.deps.decisions.get(conversationId))!;
    return { visitorId: id as string, decision };
  };

  it('routes neither the same visitor, nor their email, nor their company domain to a rep afterwards', async () => {
    const spy = await chat('sam.spy@globex.com');
    const before = await chat('pat@globex.com');
    const token = await runtime.issueToken({ userId: 'ana', roles: ['rep'], sites: ['demo'], repId: 'rep-ana' });
    const rejected = await call(
      'POST',
      `/v1/sites/demo/leads/${spy.visitorId}/reject`,
      { reason: 'competitor' },
      token,
    );
    await runtime.flushEvents();

    const sameVisitor = await chat('sam.spy@globex.com', spy.visitorId);
    const sameEmail = await chat('sam.spy@globex.com');
    const sameDomain = await chat('kim@globex.com');
    const otherCompany = await chat('lee@initech.io');

    expect([spy.decision.outcome.type, before.decision.outcome.type, rejected.status]).toEqual(['rep', 'rep', 200]);
    for (const { decision } of [sameVisitor, sameEmail, sameDomain]) {
      expect(decision.outcome).toEqual(expect.objectContaining({ type: 'nurture', viaFallback: false }));
      expect(decision.excluded).toEqual(expect.objectContaining({ reason: 'competitor' }));
    }
    expect(otherCompany.decision.excluded).toBeUndefined();
    expect(otherCompany.decision.outcome.type).toBe('rep');
    // The excluded visitor's lead stays where sales put it, and the new visitors' leads get no owner.
    expect(await runtime.deps.leads.get('demo', spy.visitorId)).toEqual(
      expect.objectContaining({ stage: 'disqualified', ownerRepId: null, excludedFromRouting: true }),
    );
    for (const { visitorId } of [sameEmail, sameDomain])
      expect(await runtime.deps.leads.get('demo', visitorId)).toEqual(expect.objectContaining({ ownerRepId: null }));
  });
});
