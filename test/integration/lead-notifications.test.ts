import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handleFunnelEvent } from '../../functions/app/funnel/handle-funnel-event.js';
import { recordVisitorSignal } from '../../functions/app/record-visitor-signal.js';
import { domainEvent } from '../../functions/core/events/domain-event.js';
import { defaultHandoffPolicy } from '../../functions/core/funnel/handoff-policy.js';
import { weightedSequence } from '../../functions/core/routing/order-pool-candidates.js';
import { Rep, weekdays } from '../../functions/core/routing/rep.js';
import { defaultRulebookContent } from '../../functions/core/rulebook/rulebook.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { aRoutingDecision, aSite } from '../fixtures/builders.js';
import { aRulebook } from '../fixtures/rulebooks.js';
import { readMailFolder } from '../support/mail.js';
import { json, startStandInServer } from '../support/stand-in-server.js';
import { startTestRuntime } from '../support/test-runtime.js';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const HOUR = 3_600_000;
const SITE = 'notify-site';
const CONVERSATION = '01JD3Q8Y8M4S0W6Q9V2ZC3NN01';

const rep = (repId: string, name: string, extra: Partial<Rep> = {}) =>
  Rep.parse({
    repId,
    name,
    email: `${repId}@baton.test`,
    timeZone: 'UTC',
    workingHours: weekdays([['09:00', '17:00']]),
    ...extra,
  });

describe('telling people what they owe: rep notifications and reassignment on an SLA breach', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
  });

  /** A site whose accept-or-reject term reassigns on breach, Ana with a manager and her own Slack hook, a Globex VP routed to her. */
  const setUp = async () => {
    const slack = await startStandInServer((_req, res) => json(res, 200, { ok: true }));
    const events = await startStandInServer((_req, res) => json(res, 200, { ok: true }));
    const clock = { now: T0 };
    const mailDir = mkdtempSync(join(tmpdir(), 'baton-notify-mail-'));
    const runtime: LocalRuntime = await startTestRuntime({
      mailDir,
      clock: () => new Date(clock.now),
      relayIntervalMs: 3_600_000,
      timerIntervalMs: 3_600_000,
      retryPolicy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
      crm: { webhook: { url: `${events.url}/events`, secret: 'webhook-secret-0123456789' } },
    });
    stops.push(runtime.close, slack.close, events.close);
    const { deps } = runtime;
    await deps.sites.putIfAbsent(aSite({ siteKey: SITE }));
    await deps.rulebooks.putLiveIfAbsent(
      SITE,
      aRulebook({
        handoff: {
          ...defaultHandoffPolicy,
          sla: [{ term: 'accept-or-reject', withinMinutes: 48 * 60, reassign: true }],
          notifyWebhookUrl: `${slack.url}/site`,
        },
      }),
      deps.clock().toISOString(),
    );
    await deps.reps.put(
      SITE,
      rep('rep-ana', 'Ana Souza', { managerEmail: 'maya.manager@baton.test', notifyWebhookUrl: `${slack.url}/ana` }),
    );
    await deps.reps.put(SITE, rep('rep-ben', 'Ben Okafor'));
    await deps.reps.put(SITE, rep('rep-carla', 'Carla Diaz'));
    const { profile } = await recordVisitorSignal(deps, {
      siteKey: SITE,
      signal: {
        type: 'identify',
        answers: { name: 'Maria Lopes', company: 'Globex', jobTitle: 'VP Sales', email: 'maria@globex.test' },
      },
    });
    await deps.decisions.save(
      aRoutingDecision({
        siteKey: SITE,
        conversationId: CONVERSATION,
        visitorId: profile.visitorId,
        matchedRuleId: 'mql',
        outcome: {
          type: 'rep',
          repId: 'rep-ana',
          repName: 'Ana Souza',
          viaFallback: false,
          accountOwner: false,
          poolId: 'inbound',
          choices: [],
        },
      }),
    );
    await handleFunnelEvent(
      deps,
      domainEvent('VisitorRouted', `visitor-routed:${CONVERSATION}`, SITE, new Date(T0).toISOString(), {
        conversationId: CONVERSATION,
        visitorId: profile.visitorId,
        outcome: 'rep',
        repId: 'rep-ana',
        ruleId: 'mql',
        rulebookVersion: 1,
        viaFallback: false,
      }),
    );
    await runtime.flushEvents();
    return { runtime, clock, slack, events, mailDir, visitorId: profile.visitorId };
  };

  it("tells the routed rep by mail and by their Slack-compatible hook, with the lead's context and a link, and no visitor token", async () => {
    const { runtime, slack, mailDir, visitorId } = await setUp();
    const link = `${runtime.deps.publicUrl}/admin/#/sites/${SITE}/leads/${visitorId}`;

    const mail = (await readMailFolder(mailDir)).find((m) => m.subject === 'New lead for Ana Souza');
    const posts = slack.requests.filter((request) => request.path === '/ana');

    expect(mail?.to && 'text' in mail.to ? mail.to.text : null).toBe('rep-ana@baton.test');
    for (const text of [mail?.text ?? '', JSON.parse(posts[0]?.body ?? '{}').text ?? '']) {
      expect(text).toContain('Maria Lopes, Globex');
      expect(text).toContain('Routed by rule: mql');
      expect(text).toContain(link);
      expect(text).not.toMatch(/manage|token/i);
    }
    expect(posts).toHaveLength(1);
    expect(slack.requests.filter((request) => request.path === '/site')).toHaveLength(0);
  });

  it("reassigns a lead not accepted in time to the pool's next rep, who takes the turn, and tells Ana's manager once", async () => {
    const { runtime, clock, events, mailDir, visitorId } = await setUp();
    const sequence = weightedSequence(defaultRulebookContent.pools.find((pool) => pool.id === 'inbound')!.members);
    const next = sequence.find((repId) => repId !== 'rep-ana')!;

    clock.now = T0 + 48 * HOUR - 1;
    await runtime.runDueTimers();
    const ownerBefore = (await runtime.deps.leads.get(SITE, visitorId))?.ownerRepId;
    clock.now = T0 + 48 * HOUR;
    await runtime.runDueTimers();
    await runtime.runDueTimers();
    await runtime.flushEvents();

    const breaches = events.requests
      .map((request) => JSON.parse(request.body))
      .filter((event) => event['detail-type'] === 'SlaBreached');
    const mails = await readMailFolder(mailDir);
    const managerMails = mails.filter((m) => m.subject === 'SLA breached: accept-or-reject by Ana Souza');

    expect(ownerBefore).toBe('rep-ana');
    expect((await runtime.deps.leads.get(SITE, visitorId))?.ownerRepId).toBe(next);
    expect(breaches.map((event) => [event.detail.term, event.detail.repId, event.detail.reassignedTo])).toEqual([
      ['accept-or-reject', 'rep-ana', next],
    ]);
    expect(managerMails).toHaveLength(1);
    expect(managerMails[0]?.to && 'text' in managerMails[0].to ? managerMails[0].to.text : null).toBe(
      'maya.manager@baton.test',
    );
    expect(managerMails[0]?.text).toContain(`reassigned to ${next}`);
    expect(
      mails.some(
        (m) => m.subject?.startsWith('New lead for ') && m.to && 'text' in m.to && m.to.text === `${next}@baton.test`,
      ),
    ).toBe(true);
    // The new owner used the rotation's turn: the next ticket follows the ones the reassignment took.
    expect(await runtime.deps.routingState.takeTicket(SITE, 'inbound')).toBe(sequence.indexOf(next) + 2);
  });
});
