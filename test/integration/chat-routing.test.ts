import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVisitorJar } from '../support/visitor-client.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { demoReps } from '../../functions/local/demo-data.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

type Decision = {
  matchedRuleId: string | null;
  rules: Array<{ ruleId: string; matched: boolean; because: string }>;
  steps: Array<{ result: string; fallback: boolean; skipped: Array<{ repId: string; reason: string }> }>;
  outcome: Record<string, unknown>;
  rulebookVersion: number;
};

describe('a chat that ends in routing, on the demo data', () => {
  let runtime: LocalRuntime;
  let token: string;
  beforeAll(async () => {
    runtime = await startTestRuntime(steadyEnrichment);
    token = await runtime.issueToken({ userId: 'sam', roles: ['sales'], sites: ['demo'] });
  });
  afterAll(() => runtime.close());
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const post = async (path: string, body: unknown) => (await visitors.send('POST', path, body)).body;
  const chat = async (email: string, jobTitle?: string, followUps: string[] = []) => {
    const visitor = jobTitle
      ? await post('/v1/visitor-events', { siteKey: 'demo', event: { type: 'identify', answers: { jobTitle } } })
      : null;
    const { conversation } = await post('/v1/conversations', {
      siteKey: 'demo',
      ...(visitor ? { visitorId: visitor.visitorId } : {}),
    });
    await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'msg-need-1',
      text: 'We want faster lead routing',
    });
    let last = await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'msg-email-1',
      text: email,
    });
    for (const [index, answer] of followUps.entries())
      last = await post(`/v1/conversations/${conversation.id}/messages`, {
        clientMessageId: `msg-follow-up-${index}`,
        text: answer,
      });
    const decision = (await (
      await fetch(`${runtime.url}/v1/conversations/${conversation.id}/routing-decision`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as Decision;
    const bot = (last.messages as Array<{ role: string; text: string; attachment?: unknown }>).filter(
      (m) => m.role === 'bot',
    );
    return { replies: bot.map((m) => m.text), attachments: bot.map((m) => m.attachment ?? null), decision };
  };

  it('routes a qualified named account to its owner and says why', async () => {
    const { replies, decision } = await chat('maria@globex.com', 'VP of Revenue Operations');

    expect(replies[0]).toBe("You're in good hands: Ana Souza from our team will take it from here.");
    expect(decision).toMatchObject({
      rulebookVersion: 1,
      matchedRuleId: 'named-accounts',
      outcome: { type: 'rep', repId: 'rep-ana', accountOwner: true, viaFallback: false },
    });
    expect(decision.rules).toEqual([
      {
        ruleId: 'named-accounts',
        name: 'Named accounts go to their owner',
        matched: true,
        because: 'account.owner is known',
      },
    ]);
  });

  it('routes a VP at a named account from the home page to the owner at once, with open times offered', async () => {
    const visitor = await post('/v1/visitor-events', {
      siteKey: 'demo',
      event: { type: 'page_view', url: `${runtime.url}/`, title: 'Acme Analytics' },
    });
    await post('/v1/visitor-events', {
      siteKey: 'demo',
      visitorId: visitor.visitorId,
      event: { type: 'identify', answers: { jobTitle: 'VP of Sales' } },
    });
    const { conversation, messages: opening } = await post('/v1/conversations', {
      siteKey: 'demo',
      visitorId: visitor.visitorId,
      context: { url: `${runtime.url}/`, returning: false },
    });
    await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'vp-need-1',
      text: 'We want to see how routing works',
    });
    const routed = await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'vp-email-1',
      text: 'vp.sales@globex.com',
    });
    const slots = await (
      await visitors.request(`/v1/conversations/${conversation.id}/slots?timeZone=Europe/Lisbon`)
    ).json();

    expect(conversation.playbookId).toBe('default-v1');
    expect(opening.map((m: { text: string }) => m.text)).toContain('What brings you here today?');
    expect(routed.messages.filter((m: { role: string }) => m.role === 'bot')).toEqual([
      expect.objectContaining({
        text: "You're in good hands: Ana Souza from our team will take it from here.",
        attachment: expect.objectContaining({ type: 'rep', name: 'Ana Souza' }),
      }),
      expect.objectContaining({ attachment: { type: 'slots' } }),
    ]);
    expect(slots.slots.length).toBeGreaterThan(0);
    expect(new Set(slots.slots.map((slot: { repId: string }) => slot.repId))).toEqual(new Set(['rep-ana']));
  });

  it('asks a visitor of no known account the qualifying questions before routing', async () => {
    const { conversation } = await post('/v1/conversations', { siteKey: 'demo' });
    await post(`/v1/conversations/${conversation.id}/messages`, { clientMessageId: 'q-need-1', text: 'Routing' });
    const afterEmail = await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'q-email-1',
      text: 'jo@northwind-traders.example',
    });
    const afterRole = await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'q-role-1',
      text: 'Manager',
    });

    expect(afterEmail.messages.at(-1)).toMatchObject({ text: 'What is your role?' });
    expect(afterEmail.messages.at(-1).options.map((o: { value: string }) => o.value)).toEqual([
      'c-level',
      'vp-director',
      'manager',
      'individual',
    ]);
    expect(afterRole.messages.at(-1)).toMatchObject({ text: 'How many people work at your company?' });
  });

  it('understands typed text where buttons are offered: a person asked for on the pricing page skips to the email and a rep', async () => {
    const { conversation } = await post('/v1/conversations', {
      siteKey: 'demo',
      context: { url: `${runtime.url}/pricing`, returning: false },
    });
    const asked = await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'human-msg-1',
      text: 'I want to talk to a human',
    });
    const routed = await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'human-msg-2',
      text: 'dana@globex.com',
    });

    expect(asked.messages.at(-1).text).toBe("What's your work email?");
    expect(
      routed.messages
        .filter((m: { role: string }) => m.role === 'bot')
        .map((m: { attachment?: { type: string } }) => m.attachment?.type),
    ).toEqual(['rep', 'slots']);
  });

  it('gives an unqualified visitor the nurture path and says which rules missed', async () => {
    const { replies, attachments, decision } = await chat('someone@gmail.com', undefined, ['Manager', '1–50']);

    expect(replies[0]).toBe(
      'Thanks! Our buyer’s guide is a good next step; we will also send you what fits your team.',
    );
    expect(attachments[0]).toEqual({
      type: 'offer',
      title: 'The revenue analytics buyer’s guide',
      url: 'https://example.com/guide',
    });
    expect(decision.matchedRuleId).toBeNull();
    expect(decision.outcome).toEqual({ type: 'nurture', nurtureId: 'guide', viaFallback: false });
    expect(decision.rules.map((rule) => [rule.ruleId, rule.matched, rule.because])).toEqual([
      ['named-accounts', false, 'account.owner is unknown'],
      ['enterprise', false, 'qualifies false ≠ true'],
      ['mql', false, 'qualifies false ≠ true'],
    ]);
  });

  it('falls back to the pool when the owner is away, says who was skipped, and alerts the admins', async () => {
    const ana = demoReps.find((rep) => rep.repId === 'rep-ana')!;
    await runtime.deps.reps.put('demo', {
      ...ana,
      outOfOffice: [{ start: '2020-01-01T00:00:00.000Z', end: '2099-01-01T00:00:00.000Z', reason: 'sabbatical' }],
    });

    const { replies, decision } = await chat('li@globex.com', 'Chief Revenue Officer');

    expect(decision.steps.map((step) => [step.result, step.fallback])).toEqual([
      ['nobody-available', false],
      ['chosen', true],
    ]);
    expect(decision.steps[0]!.skipped).toEqual([
      { repId: 'rep-ana', reason: 'out of office until 2099-01-01T00:00:00.000Z' },
    ]);
    expect(decision.outcome).toMatchObject({ type: 'rep', viaFallback: true, poolId: 'inbound' });
    expect(replies[0]).toMatch(/^You're in good hands: (Ben Carter|Carla Méndez) from our team/);
    await runtime.flushEvents();
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(runtime.mailDir)).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps a conversation on the rulebook version it started with when another goes live', async () => {
    const { conversation } = await post('/v1/conversations', { siteKey: 'demo' });
    const live = (await runtime.deps.rulebooks.getLive('demo'))!;
    const { version: _version, ...content } = live;
    await runtime.deps.rulebooks.publish(
      'demo',
      {
        version: live.version + 1,
        content,
        contentHash: 'next',
        publishedAt: new Date().toISOString(),
        signatures: [],
      },
      live.version,
    );

    await post(`/v1/conversations/${conversation.id}/messages`, { clientMessageId: 'msg-need-9', text: 'Pricing' });
    await post(`/v1/conversations/${conversation.id}/messages`, {
      clientMessageId: 'msg-email-9',
      text: 'x@gmail.com',
    });
    await post(`/v1/conversations/${conversation.id}/messages`, { clientMessageId: 'msg-role-9', text: 'Manager' });
    await post(`/v1/conversations/${conversation.id}/messages`, { clientMessageId: 'msg-size-9', text: '1–50' });
    const decision = (await (
      await fetch(`${runtime.url}/v1/conversations/${conversation.id}/routing-decision`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as Decision;
    const fresh = await post('/v1/conversations', { siteKey: 'demo' });

    expect(conversation.rulebookVersion).toBe(live.version);
    expect(decision.rulebookVersion).toBe(live.version);
    expect(fresh.conversation.rulebookVersion).toBe(live.version + 1);
  });

  it('refuses the decision record to anyone unsigned', async () => {
    expect((await fetch(`${runtime.url}/v1/conversations/01JD3Q8Y8M4S0W6Q9V2ZC3H7ZZ/routing-decision`)).status).toBe(
      401,
    );
  });
});
