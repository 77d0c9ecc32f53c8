import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { limitsNoTestReaches } from '../fixtures/limits.js';
import { startTestRuntime } from '../support/test-runtime.js';
import { axeViolations } from '../support/axe.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/manage-screenshots/', import.meta.url));
const SIZES = [
  { name: 'wide', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
];
// A Monday morning: the two-week window holds ten working days.
const NOW = new Date('2026-11-30T08:00:00Z');

describe.skipIf(!hasBrowser)('the manage page behind the link in every mail, at 1440 and 375 px', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      // Polls and retries under a held clock stay in one window; these tests are not about limits.
      limits: limitsNoTestReaches,
      ...steadyEnrichment,
      clock: () => new Date(NOW),
      mailDir: await mkdtemp(join(tmpdir(), 'baton-manage-mail-')),
    });
    browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const post = async (path: string, body: unknown) => (await visitors.send('POST', path, body)).body;
  /** A named account's contact books the first open time through the API, as the widget does. */
  const book = async (tag: string) => {
    const email = `lee.${tag}@globex.com`;
    const { conversationId } = await aRoutedGlobexConversation(visitors, { email, need: 'Demo', tag });
    const listing = await (await visitors.request(`/v1/conversations/${conversationId}/slots?timeZone=UTC`)).json();
    const { slots } = listing as { slots: Array<{ start: string }> };
    const booked = await post(`/v1/conversations/${conversationId}/meetings`, {
      start: slots[0]!.start,
      name: 'Lee Park',
      email,
      timeZone: 'Europe/Lisbon',
    });
    const url = new URL(booked.manageUrl as string);
    return {
      manageUrl: booked.manageUrl as string,
      meetingId: url.pathname.split('/').pop()!,
      token: url.searchParams.get('token')!,
    };
  };

  for (const { name, viewport } of SIZES) {
    it(`offers every open day but never the meeting's own time, moves it, cancels after a confirmation with a reason, and books again (${name})`, async () => {
      const { manageUrl, meetingId, token } = await book(`manage-${name}`);
      const before = (await runtime.deps.meetings.get(meetingId))!;
      const api = (await (
        await fetch(`${runtime.url}/v1/meetings/${meetingId}/slots?token=${token}&timeZone=Europe/Lisbon`)
      ).json()) as { slots: Array<{ start: string; localStart: string }> };
      const openDays = new Set(api.slots.map((slot) => slot.localStart.slice(0, 10)));

      // axe runs as an injected script, which the page's strict CSP would refuse.
      const context = await browser.newContext({
        locale: 'en-US',
        timezoneId: 'Europe/Lisbon',
        viewport,
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(manageUrl);
      await page.getByRole('heading', { name: 'Your meeting' }).waitFor();
      // The company the visitor meets, in its colour, as in the chat and the mails.
      const host = page.locator('.host');
      await expect.poll(() => host.textContent()).toBe('Acme Analytics');
      expect(await host.evaluate((banner) => getComputedStyle(banner).backgroundColor)).toBe('rgb(11, 110, 79)');
      expect(await page.title()).toBe('Your meeting · Acme Analytics');
      const days = page.getByRole('group', { name: 'Days' }).getByRole('button');
      await expect.poll(() => days.count()).toBe(openDays.size);
      expect(openDays.size).toBeGreaterThanOrEqual(9);
      // The meeting's own time is not a move, and no time at or before now is offered.
      expect(api.slots.map((slot) => slot.start)).not.toContain(before.start);
      expect(api.slots.every((slot) => Date.parse(slot.start) > NOW.getTime())).toBe(true);
      expect(await page.getByText('Times in Europe/Lisbon · 30 min').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `meeting-${name}.png`), fullPage: true });

      // The last open day of the window, its last time.
      await days.last().click();
      expect(await days.last().getAttribute('aria-pressed')).toBe('true');
      const times = page.locator('.times button');
      const lastDay = api.slots.filter((slot) => slot.localStart.startsWith([...openDays].at(-1)!));
      await expect.poll(() => times.count()).toBe(lastDay.length);
      await times.last().click();
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('Moved. An updated invitation is on its way.');
      expect((await runtime.deps.meetings.get(meetingId))!.start).toBe(lastDay.at(-1)!.start);

      // Cancel asks first; keeping the meeting changes nothing.
      await page.getByRole('button', { name: 'Cancel the meeting' }).click();
      await page.getByText(/^Cancel this meeting\? .+ is told, and the time is freed\.$/).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `confirm-cancel-${name}.png`), fullPage: true });
      await page.getByRole('button', { name: 'Keep the meeting' }).click();
      expect((await runtime.deps.meetings.get(meetingId))!.status).toBe('booked');
      await page.getByRole('button', { name: 'Cancel the meeting' }).click();
      await page.getByLabel('Reason (optional)').fill('We chose another vendor');
      await page.getByRole('button', { name: 'Yes, cancel it' }).click();
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('The meeting is canceled. A cancellation is on its way to your calendar.');
      expect(await runtime.deps.meetings.get(meetingId)).toMatchObject({
        status: 'canceled',
        canceledReason: 'We chose another vendor',
      });
      // No empty heading is left: the page offers a new time instead.
      await page.getByRole('heading', { name: 'Book a new time' }).waitFor();
      expect(await page.getByRole('button', { name: 'Cancel the meeting' }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `canceled-${name}.png`), fullPage: true });

      await page.locator('.times button').first().click();
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toBe('Booked again. A new invitation is on its way.');
      expect((await runtime.deps.meetings.get(meetingId))!.status).toBe('booked');
      await page.getByRole('button', { name: 'Cancel the meeting' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `booked-again-${name}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
