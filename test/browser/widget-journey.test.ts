import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { axeViolations } from '../support/axe.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { readMailFolder } from '../support/mail.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/widget-screenshots/', import.meta.url));
const SIZES = [
  { name: 'wide', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
];

describe.skipIf(!hasBrowser)('the visitor journey in the widget, at 1440 and 375 px', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      mailDir: await mkdtemp(join(tmpdir(), 'baton-widget-mail-')),
    });
    browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  const open = async (viewport: { width: number; height: number }, locale = 'en-US', timezoneId = 'Europe/Lisbon') => {
    // axe-core is injected as a script, which the demo page's strict CSP would refuse.
    const context = await browser.newContext({ locale, timezoneId, viewport, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${runtime.url}/`);
    return page;
  };
  const widget = (page: Page) => page.locator('#baton-widget');
  const texts = (page: Page) => widget(page).getByRole('log').locator('.message').allTextContents();
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  for (const { name, viewport } of SIZES) {
    it(`books a named account's contact once, keeps the confirmation across a reload and offers no time after it (${name})`, async () => {
      const email = `maria.${name}@globex.com`;
      const page = await open(viewport, 'en-US', 'America/Los_Angeles');
      await widget(page).getByRole('button', { name: 'Chat with us' }).click();
      await expect.poll(() => texts(page)).toContain('What brings you here today?');
      // The site's name, colour, greeting and avatar, not "Chat" in the widget's blue.
      expect(await widget(page).getByRole('heading', { name: 'Acme Analytics' }).count()).toBe(1);
      expect(
        await widget(page)
          .locator('.header')
          .evaluate((header) => getComputedStyle(header).backgroundColor),
      ).toBe('rgb(11, 110, 79)');
      expect(await widget(page).locator('.header .greeting').textContent()).toBe('We usually answer in a few minutes.');
      const avatar = widget(page).locator('.header img.avatar');
      expect(await avatar.getAttribute('src')).toBe(`${runtime.url}/demo/acme-avatar.svg`);
      await expect
        .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      expect(await axeViolations(page, '#baton-widget')).toEqual([]);
      await shot(page, `greeted-${name}`);
      await widget(page).getByLabel('Your message').fill('I want to talk to a human');
      await widget(page).getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => texts(page))
        .toContain("Got it. What's your work email, so the right person can follow up?");
      await widget(page).getByLabel('Your message').fill(email);
      await widget(page).getByRole('button', { name: 'Send' }).click();

      const times = widget(page).getByRole('group', { name: 'Available times' });
      await expect.poll(() => times.locator('button.slot').count()).toBeGreaterThan(0);
      expect(await times.locator('.zone').textContent()).toBe('Times in America/Los Angeles · 30 min');
      // Grouped by the visitor's day: the first day is chosen, another day shows only its own times.
      const days = times.getByRole('group', { name: 'Days' }).getByRole('button');
      await expect.poll(() => days.count()).toBeGreaterThan(1);
      expect(await days.first().getAttribute('aria-pressed')).toBe('true');
      expect(await axeViolations(page, '#baton-widget')).toEqual([]);
      await shot(page, `offered-${name}`);
      const secondDay = (await days.nth(1).textContent())!;
      await days.nth(1).click();
      expect(await days.nth(1).getAttribute('aria-pressed')).toBe('true');
      expect(await days.first().getAttribute('aria-pressed')).toBe('false');
      await times.locator('button.slot').first().click();
      expect(await widget(page).locator('.book p').textContent()).toContain(secondDay.slice(3));
      expect(await widget(page).getByLabel('Your email').inputValue()).toBe(email);
      await widget(page).getByLabel('Your name').fill('Maria Lopes');
      expect(await axeViolations(page, '#baton-widget')).toEqual([]);
      await shot(page, `booking-form-${name}`);
      await widget(page).getByRole('button', { name: 'Book this time' }).dblclick();

      const confirmation = widget(page).locator('.confirmation');
      await expect.poll(() => confirmation.count()).toBe(1);
      expect(await texts(page)).not.toContain('That time was just taken. Here are the open times now:');
      expect(await times.locator('button.slot:not([disabled])').count()).toBe(0);
      const bookingsFor = async () =>
        (await readMailFolder(runtime.mailDir)).filter(
          (mail) => mail.text?.includes(email) || mail.subject?.includes('Maria Lopes'),
        ).length;
      await expect.poll(bookingsFor).toBeGreaterThanOrEqual(1);
      expect(await axeViolations(page, '#baton-widget')).toEqual([]);
      await shot(page, `booked-${name}`);

      await page.reload();
      await widget(page).getByRole('button', { name: 'Chat with us' }).click();
      await expect.poll(() => widget(page).locator('.confirmation').count()).toBe(1);
      expect(await widget(page).locator('button.slot:not([disabled])').count()).toBe(0);
      await shot(page, `reloaded-${name}`);
      // One meeting: the visitor's mails name one booking, whatever the double click sent.
      const invitations = (await readMailFolder(runtime.mailDir)).filter(
        (mail) => mail.to && JSON.stringify(mail.to).includes(email),
      );
      expect(invitations).toHaveLength(1);
      await page.context().close();
    }, 60_000);
  }

  it('speaks German to a German browser, interface and conversation', async () => {
    const page = await open(SIZES[1]!.viewport, 'de-DE', 'Europe/Berlin');
    await widget(page).getByRole('button', { name: 'Chatten Sie mit uns' }).click();

    await expect
      .poll(() => texts(page))
      .toEqual([
        'Hallo! Ich bin der Assistent von Acme Analytics. Ich verbinde Sie mit der richtigen Person in unserem Team.',
        'Was führt Sie heute zu uns?',
      ]);
    expect(await widget(page).getByRole('button', { name: 'Senden' }).count()).toBe(1);
    await shot(page, 'german-phone');
    await page.context().close();
  }, 30_000);
});
