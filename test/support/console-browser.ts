import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** Git-ignored: every console page at the two widths, for people to look at. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/console-screenshots/', import.meta.url));

export const WIDE = { width: 1440, height: 900 };
export const NARROW = { width: 768, height: 1024 };

/** A fresh browser context signed in to the console as one of the demo accounts. */
export async function signedInPage(
  browser: Browser,
  runtime: LocalRuntime,
  username: string,
  viewport = WIDE,
): Promise<{ page: Page; errors: string[] }> {
  const account = runtime.accounts.find((candidate) => candidate.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'Europe/Lisbon' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A refused request is part of several tests (403/401); the page's own failures are what count.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  await page.goto(`${runtime.url}/admin`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
  return { page, errors };
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the console's CSP rightly refuses an injected script tag.
  await page.evaluate(await readFile(axeSource, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as any).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return (result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>)
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Checks the page fits the width (no horizontal scrolling) and saves its screenshot. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()!.width;
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}-${width}.png`, fullPage: true });
}
