import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { anAssignedMql } from '../fixtures/leads.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { NARROW, screenshot, seriousViolations, signedInPage, WIDE } from '../support/console-browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

const ANAS_LEAD = '01JD3Q8Y8M4S0W6Q9V2ZC3AA01';
const BENS_LEAD = '01JD3Q8Y8M4S0W6Q9V2ZC3BB01';

describe.skipIf(!hasBrowser)('leads and the dashboard in the console, in Chromium', { timeout: 180_000 }, () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  beforeAll(async () => {
    runtime = await startTestRuntime(steadyEnrichment);
    browser = await launchBrowser();
    const assignedAt = new Date(Date.now() - 2 * 3600_000).toISOString();
    await runtime.deps.leads.save(
      anAssignedMql('rep-ana', assignedAt, {
        siteKey: 'demo',
        visitorId: ANAS_LEAD,
        source: 'google',
        createdAt: assignedAt,
        version: 1,
      }),
    );
    await runtime.deps.leads.save(
      anAssignedMql('rep-ben', assignedAt, {
        siteKey: 'demo',
        visitorId: BENS_LEAD,
        source: 'linkedin',
        createdAt: assignedAt,
        version: 1,
      }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  it("a rep works their own queue, rejects a lead with a reason, and the dashboard's rejection chart counts it", async () => {
    const { page: ana, errors } = await signedInPage(browser, runtime, 'ana');
    await ana.goto(`${runtime.url}/admin#/leads`);
    const list = ana.getByRole('list', { name: 'Leads' });
    await expect.poll(() => list.getByRole('button').count()).toBe(1);
    await list.getByRole('button').first().click();
    await expect.poll(() => ana.getByRole('region').first().textContent()).toContain('first touch due in');
    expect(await seriousViolations(ana)).toEqual([]);
    await screenshot(ana, 'leads');
    await ana.setViewportSize(NARROW);
    await screenshot(ana, 'leads');
    await ana.setViewportSize(WIDE);

    const attempt = ana.getByRole('form', { name: 'Log a follow-up attempt' });
    await attempt.getByLabel('What happened').fill('Left a voicemail');
    await attempt.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => ana.getByRole('list', { name: 'Leads' }).textContent()).toContain('touched in time');
    const reject = ana.getByRole('form', { name: 'Reject the lead' });
    await reject.getByLabel('Reason').selectOption('not-icp');
    await reject.getByLabel('Note for marketing').fill('Retail, ten people');
    await reject.getByRole('button', { name: 'Reject lead' }).click();
    await expect
      .poll(async () => (await runtime.deps.leads.get('demo', ANAS_LEAD))?.rejection?.reasonId)
      .toBe('not-icp');
    expect(errors).toEqual([]);

    const { page: sam } = await signedInPage(browser, runtime, 'sam');
    await sam.goto(`${runtime.url}/admin#/dashboard`);
    const rejections = sam.getByRole('table', { name: 'Rejections by reason and source' });
    await expect.poll(() => rejections.getByRole('row', { name: /google/ }).textContent()).toBe('google1');
    expect(await rejections.getByRole('columnheader').allTextContents()).toEqual(['Source', 'not-icp']);
    expect(await sam.locator('.chart canvas').count()).toBeGreaterThan(0);
    expect(await seriousViolations(sam)).toEqual([]);
    await screenshot(sam, 'dashboard');
    await sam.setViewportSize(NARROW);
    await sam.reload();
    await expect.poll(() => rejections.count()).toBe(1);
    await screenshot(sam, 'dashboard');
    await sam.setViewportSize(WIDE);
    await sam.goto(`${runtime.url}/admin#/leads`);
    await expect.poll(() => sam.getByRole('list', { name: 'Leads' }).getByRole('button').count()).toBe(2);
  });

  it("keeps a rep out of another rep's leads: the page and the API both refuse", async () => {
    const { page: ana } = await signedInPage(browser, runtime, 'ana');
    await ana.goto(`${runtime.url}/admin#/leads?lead=${BENS_LEAD}`);

    await expect.poll(() => ana.getByRole('alert').textContent()).toContain('This lead is not in your list');
    const token = await ana.evaluate(
      () => (JSON.parse(sessionStorage.getItem('baton.console.session')!) as { token: string }).token,
    );
    const auth = { Authorization: `Bearer ${token}` };
    expect((await fetch(`${runtime.url}/v1/sites/demo/leads?owner=rep-ben`, { headers: auth })).status).toBe(403);
    const accept = await fetch(`${runtime.url}/v1/sites/demo/leads/${BENS_LEAD}/accept`, {
      method: 'POST',
      headers: auth,
    });
    expect([403, 404]).toContain(accept.status);
    expect((await runtime.deps.leads.get('demo', BENS_LEAD))?.stage).toBe('mql');
  });
});
