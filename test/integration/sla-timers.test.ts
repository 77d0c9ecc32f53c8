import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { domainEvent, type DomainEvent } from '../../functions/core/events/domain-event.js';
import { acceptLead } from '../../functions/app/funnel/accept-lead.js';
import { handleFunnelEvent } from '../../functions/app/funnel/handle-funnel-event.js';
import { recordVisitorSignal } from '../../functions/app/record-visitor-signal.js';
import { startLocal, type LocalRuntime } from '../../functions/local/start-local.js';
import type { CrmOptions } from '../../functions/composition/build-crm-targets.js';
import { startHubSpotStandIn } from '../support/crm-stand-ins.js';
import { silentLogger } from '../support/silent-logger.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { storeUnderTest } from '../support/test-store.js';
import { limitsNoTestReaches } from '../fixtures/limits.js';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const HOUR = 3_600_000;
const VISITOR = '01JD3Q8Y8M4S0W6Q9V2ZC3TT01';

/** The local runtime on a clock the test moves; relay and scheduler run only when the test asks. */
async function runtimeAt(
  clock: { now: number },
  dataDir: string | null,
  crm?: CrmOptions,
  store = storeUnderTest(),
): Promise<LocalRuntime> {
  return startLocal({
    ...store,
    // Polls and retries under a held clock stay in one window; these tests are not about limits.
    limits: limitsNoTestReaches,
    ...steadyEnrichment,
    port: 0,
    dataDir,
    logger: silentLogger(),
    clock: () => new Date(clock.now),
    relayIntervalMs: 3_600_000,
    timerIntervalMs: 3_600_000,
    retryPolicy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
    ...(crm ? { crm } : {}),
  });
}

const routedToAna = (at: number): DomainEvent =>
  domainEvent('VisitorRouted', `visitor-routed:test:${at}`, 'demo', new Date(at).toISOString(), {
    conversationId: '01JD3Q8Y8M4S0W6Q9V2ZC3CC01',
    visitorId: VISITOR,
    outcome: 'rep',
    repId: 'rep-ana',
    ruleId: 'mql',
    rulebookVersion: 1,
    viaFallback: false,
  });

/** SLA events not yet relayed, of the term. */
const slaEvents = async (runtime: LocalRuntime, term: string) =>
  (await runtime.deps.outbox.pending(100))
    .flatMap((batch) => batch.events)
    .filter(
      (event) =>
        (event.detailType === 'SlaBreached' || event.detailType === 'SlaMet') &&
        'term' in event.detail &&
        event.detail.term === term,
    )
    .map((event) => event.detailType);

describe('SLA timers on an injected clock', () => {
  const runtimes: LocalRuntime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
  });

  it('fires a breach once, at its deadline and not a millisecond before', async () => {
    const clock = { now: T0 };
    const runtime = await runtimeAt(clock, null);
    runtimes.push(runtime);
    await handleFunnelEvent(runtime.deps, routedToAna(T0));

    clock.now = T0 + 48 * HOUR - 1;
    await runtime.runDueTimers();
    const before = await slaEvents(runtime, 'accept-or-reject');
    clock.now = T0 + 48 * HOUR;
    await runtime.runDueTimers();
    await runtime.runDueTimers();

    expect(before).toEqual([]);
    expect(await slaEvents(runtime, 'accept-or-reject')).toEqual(['SlaBreached']);
    expect(await slaEvents(runtime, 'first-touch')).toEqual(['SlaBreached']);
  });

  it('cancels the deadline when the rep accepts in time, and records the kept promise', async () => {
    const clock = { now: T0 };
    const runtime = await runtimeAt(clock, null);
    runtimes.push(runtime);
    await handleFunnelEvent(runtime.deps, routedToAna(T0));
    const viewer = { userId: 'rep-ana', roles: ['rep' as const], repId: 'rep-ana' };

    clock.now = T0 + HOUR;
    await acceptLead(runtime.deps, { siteKey: 'demo', visitorId: VISITOR, viewer });
    clock.now = T0 + 72 * HOUR;
    await runtime.runDueTimers();

    expect(await slaEvents(runtime, 'accept-or-reject')).toEqual(['SlaMet']);
  });

  it('does nothing when the lead moved on: a timer for a reassigned lead is stale', async () => {
    const clock = { now: T0 };
    const runtime = await runtimeAt(clock, null);
    runtimes.push(runtime);
    await handleFunnelEvent(runtime.deps, routedToAna(T0));
    const lead = (await runtime.deps.leads.get('demo', VISITOR))!;
    // Another runner reassigned it meanwhile: the stored lead no longer matches the timer's assignment.
    await runtime.deps.leads.save({
      ...lead,
      ownerRepId: 'rep-ben',
      assignedAt: new Date(T0 + HOUR).toISOString(),
      version: lead.version + 1,
    });

    clock.now = T0 + 48 * HOUR;
    await runtime.runDueTimers();

    expect(await slaEvents(runtime, 'accept-or-reject')).toEqual([]);
  });

  it('keeps pending timers across a restart of the local runtime', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-timers-'));
    const clock = { now: T0 };
    // Against an external store the restart finds the same server, signed for with the same key.
    const store = storeUnderTest();
    const first = await runtimeAt(clock, dataDir, undefined, store);
    await handleFunnelEvent(first.deps, routedToAna(T0));
    await first.close();

    const second = await runtimeAt(clock, dataDir, undefined, store);
    runtimes.push(second);
    clock.now = T0 + 48 * HOUR;
    const fired = await second.runDueTimers();

    expect(fired).toBeGreaterThanOrEqual(2);
    expect(await slaEvents(second, 'accept-or-reject')).toEqual(['SlaBreached']);
  });

  it('stores long inactivity in the score and sends it to the CRM stand-in', async () => {
    const hubspot = await startHubSpotStandIn('hs-token');
    try {
      const clock = { now: T0 };
      const runtime = await runtimeAt(clock, null, { hubspot: { accessToken: 'hs-token', basePath: hubspot.url } });
      runtimes.push(runtime);
      const { profile } = await recordVisitorSignal(runtime.deps, {
        siteKey: 'demo',
        signal: { type: 'identify', answers: { email: 'idle@globex.test', name: 'Idle Ida', jobTitle: 'VP Sales' } },
      });
      await runtime.flushEvents();
      const scoreBefore = profile.score!.total;

      clock.now = T0 + 90 * 24 * HOUR;
      await runtime.runDueTimers();
      await runtime.flushEvents();

      const stored = await runtime.deps.visitors.get(profile.visitorId);
      expect(stored?.score?.total).toBe(scoreBefore - 15);
      expect(stored?.score?.breakdown.map((line) => line.rule)).toContain('inactive');
      expect(hubspot.objects.get('contacts')?.get('idle@globex.test')?.properties.baton_score).toBe(
        String(scoreBefore - 15),
      );
    } finally {
      await hubspot.close();
    }
  });
});
