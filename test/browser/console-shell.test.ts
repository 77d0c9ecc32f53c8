import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { NARROW, screenshot, seriousViolations, signedInPage, WIDE } from '../support/console-browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

describe.skipIf(!hasBrowser)('the console in Chromium: sign-in, reps and settings', { timeout: 90_000 }, () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  beforeAll(async () => {
    runtime = await startTestRuntime(steadyEnrichment);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  it('serves the console at /admin under a policy that allows no inline code', async () => {
    const response = await fetch(`${runtime.url}/admin`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<script type="module" src="/admin/console.js">');
  });

  it('refuses a wrong password on the sign-in page and says so', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${runtime.url}/admin`);
    await page.getByLabel('Username').fill('maria');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The username or password is wrong');
    expect(await seriousViolations(page)).toEqual([]);
    for (const viewport of [WIDE, NARROW]) {
      await page.setViewportSize(viewport);
      await screenshot(page, 'sign-in');
    }
    await context.close();
  });

  it('shows sales the reps with hours, pools and out of office, and lets them plan an absence', async () => {
    for (const viewport of [WIDE, NARROW]) {
      const { page, errors } = await signedInPage(browser, runtime, 'sam', viewport);
      await page.goto(`${runtime.url}/admin#/reps`);
      const ana = page.getByRole('region', { name: 'Ana Souza' });
      await expect.poll(() => ana.textContent()).toContain('Inbound sales: weight 2, at most 12 a day');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'reps');
      expect(errors).toEqual([]);
      await page.context().close();
    }
    const { page } = await signedInPage(browser, runtime, 'sam');
    await page.goto(`${runtime.url}/admin#/reps`);
    const ben = page.getByRole('region', { name: 'Ben Carter' });
    await ben.getByLabel('Away from').fill('2030-01-02T09:00');
    await ben.getByLabel('until').fill('2030-01-09T18:00');
    await ben.getByLabel('Reason').fill('Holidays');
    await ben.getByRole('button', { name: 'Add out of office' }).click();

    await expect.poll(() => ben.textContent()).toContain('(Holidays)');
    const stored = runtime.deps.reps.list('demo');
    expect((await stored).find((rep) => rep.repId === 'rep-ben')!.outOfOffice).toHaveLength(1);
    await page.context().close();
  });

  it('shows the settings with the consent notice and replays failed syncs', async () => {
    for (const viewport of [WIDE, NARROW]) {
      const { page, errors } = await signedInPage(browser, runtime, 'maria', viewport);
      await page.goto(`${runtime.url}/admin#/settings`);
      await expect.poll(() => page.getByRole('main').textContent()).toContain('Site name shown in the chat');
      await page.getByRole('button', { name: 'Replay failed syncs' }).click();
      await expect
        .poll(() => page.getByRole('status').allTextContents())
        .toContain('Nothing to replay: no sync is failing.');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'settings');
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
