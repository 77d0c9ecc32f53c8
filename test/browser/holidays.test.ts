import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { axeViolations } from '../support/axe.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/holiday-screenshots/', import.meta.url));
const SIZES = [
  { name: 'wide', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
];
// Monday of Thanksgiving week, before the working day starts in New York: the demo site follows US holidays.
const NOW = new Date('2026-11-23T08:00:00Z');

describe.skipIf(!hasBrowser)('public holidays in the times a visitor is offered, at 1440 and 375 px', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      clock: () => new Date(NOW),
      mailDir: await mkdtemp(join(tmpdir(), 'baton-holiday-mail-')),
    });
    browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  for (const { name, viewport } of SIZES)
    it(`offers the days around Thanksgiving but not Thanksgiving itself, in the chat and on the manage page (${name})`, async () => {
      // axe-core is injected as a script, which the pages' strict CSP would refuse.
      const context = await browser.newContext({
        locale: 'en-US',
        timezoneId: 'America/New_York',
        viewport,
        bypassCSP: true,
      });
      const page = await context.newPage();
      await page.goto(`${runtime.url}/`);
      const widget = page.locator('#baton-widget');
      await widget.getByRole('button', { name: 'Chat with us' }).click();
      const input = widget.getByLabel('Your message');
      await widget.getByRole('log').getByText('What brings you here today?').waitFor();
      await input.fill('I want to talk to a human');
      await input.press('Enter');
      await widget.getByText("Got it. What's your work email, so the right person can follow up?").waitFor();
      await input.fill(`tom.${name}@globex.com`);
      await input.press('Enter');

      const times = widget.getByRole('group', { name: 'Available times' });
      const days = times.getByRole('group', { name: 'Days' }).getByRole('button');
      await expect.poll(() => days.count()).toBeGreaterThan(5);
      const offered = await days.allTextContents();
      // Wednesday and Friday are working days; Thursday 26 November is a US public holiday.
      expect(offered.slice(0, 4)).toEqual(['MonNov 23', 'TueNov 24', 'WedNov 25', 'FriNov 27']);
      expect(offered.join(' ')).not.toContain('Nov 26');
      expect(await axeViolations(page, '#baton-widget')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `chat-${name}.png`) });

      await times.locator('button.slot').first().click();
      await widget.getByLabel('Your name').fill('Tom Hale');
      await widget.getByRole('button', { name: 'Book this time' }).click();
      const manageUrl = (await widget
        .locator('.confirmation')
        .getByRole('link', { name: 'Reschedule or cancel' })
        .getAttribute('href'))!;
      const manage = await context.newPage();
      await manage.goto(manageUrl);
      const moves = manage.getByRole('group', { name: 'Days' }).getByRole('button');
      await expect.poll(() => moves.count()).toBeGreaterThan(5);
      const movable = await moves.allTextContents();
      expect(movable).toContain('WedNov 25');
      expect(movable).toContain('FriNov 27');
      expect(movable.join(' ')).not.toContain('Nov 26');
      expect(await axeViolations(manage)).toEqual([]);
      await manage.screenshot({ path: join(SCREENSHOTS, `manage-${name}.png`), fullPage: true });
      await context.close();
    }, 90_000);
});
