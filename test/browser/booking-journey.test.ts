import { heldVisitor } from '../support/visitor-client.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { readMailFolder } from '../support/mail.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';
import { axeViolations } from '../support/axe.js';

describe.skipIf(!hasBrowser)('from "hi" to a booked meeting in Chromium', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let token: string;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      mailDir: await mkdtemp(join(tmpdir(), 'baton-browser-mail-')),
    });
    browser = await launchBrowser();
    token = await runtime.issueToken({ userId: 'sam', roles: ['sales'], sites: ['demo'] });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  const open = async (
    path: string,
    options: { locale?: string; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
  ) => {
    const context = await browser.newContext({
      locale: options.locale ?? 'en-US',
      timezoneId: 'Europe/Lisbon',
      ...(options.viewport ? { viewport: options.viewport } : {}),
      ...(options.bypassCSP ? { bypassCSP: true } : {}),
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${runtime.url}${path}`);
    await page.locator('#baton-widget').getByRole('button', { name: 'Chat with us' }).click();
    return { page, errors, widget: page.locator('#baton-widget') };
  };
  const lastBotTexts = (page: Page) =>
    page.locator('#baton-widget').getByRole('log').locator('.message').allTextContents();
  const api = async (path: string) =>
    (await fetch(`${runtime.url}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json() as Promise<any>;

  it('lets a qualified visitor answer with buttons, see the routed rep and open times, book one and see the confirmation', async () => {
    const { page, errors, widget } = await open('/pricing');

    await widget.getByRole('button', { name: 'See a demo' }).click();
    await widget.getByRole('button', { name: '201–1000' }).click();
    await widget.getByRole('button', { name: 'VP or director' }).click();
    await widget.getByRole('button', { name: 'This quarter' }).click();
    await expect.poll(() => lastBotTexts(page)).toContain("What's your work email?");
    await widget.getByLabel('Your message').fill('maria@globex.com');
    await widget.getByRole('button', { name: 'Send' }).click();

    await expect
      .poll(() => lastBotTexts(page))
      .toContain(
        'Ana Souza will take it from here. Pick a time that suits you; the calendar invitation arrives by email.',
      );
    await expect.poll(() => widget.locator('.rep img').getAttribute('src')).toBe(`${runtime.url}/demo/rep-ana.svg`);
    const times = widget.getByRole('group', { name: 'Available times' }).locator('button.slot');
    await expect.poll(() => times.count()).toBeGreaterThan(0);
    const picked = (await times.first().textContent())!;
    await times.first().click();
    await widget.getByLabel('Your name').fill('Maria Lopes');
    await widget.getByLabel('Your email').fill('maria@globex.com');
    await widget.getByRole('button', { name: 'Book this time' }).click();

    const confirmation = widget.locator('.confirmation');
    await expect.poll(() => confirmation.textContent()).toMatch(new RegExp(`^Booked: .+ ${picked} with Ana Souza\\.`));
    const manage = await confirmation.getByRole('link', { name: 'Reschedule or cancel' }).getAttribute('href');
    expect(manage).toMatch(new RegExp(`^${runtime.url}/manage/[0-9A-Z]{26}\\?token=`));

    // Stored: the decision record, the meeting (reachable by its manage link) and the invitation mail.
    const conversationId = JSON.parse((await page.evaluate(() => localStorage.getItem('baton:demo:conversation')))!)
      .conversationId as string;
    const decision = await api(`/v1/conversations/${conversationId}/routing-decision`);
    expect(decision).toMatchObject({ matchedRuleId: 'named-accounts', outcome: { type: 'rep', repId: 'rep-ana' } });
    const url = new URL(manage!);
    const meeting = await (
      await fetch(`${runtime.url}/v1/meetings/${url.pathname.split('/').pop()}?token=${url.searchParams.get('token')}`)
    ).json();
    expect(meeting).toMatchObject({ repId: 'rep-ana', status: 'booked', timeZone: 'Europe/Lisbon' });
    await runtime.flushEvents();
    expect(
      (await readMailFolder(runtime.mailDir)).some(
        (mail) => mail.subject === 'Your meeting with Ana Souza, Acme Analytics',
      ),
    ).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
    // The whole journey (five answers, routing, slots, booking, mail) runs in one test: on a loaded machine it needs more than the default.
  }, 60_000);

  it('gives an unqualified visitor the nurture path with the offered content', async () => {
    const { page, widget } = await open('/pricing');

    await widget.getByRole('button', { name: 'Just looking' }).click();
    await expect.poll(() => lastBotTexts(page)).toContain("What's your work email?");
    await widget.getByLabel('Your message').fill('someone@gmail.com');
    await widget.getByRole('button', { name: 'Send' }).click();

    await expect
      .poll(() => lastBotTexts(page))
      .toContain('Thanks! Our buyer’s guide is a good next step; we will also send you what fits your team.');
    expect(await widget.getByRole('link', { name: 'The revenue analytics buyer’s guide' }).getAttribute('href')).toBe(
      'https://example.com/guide',
    );
    expect(await widget.getByRole('group', { name: 'Available times' }).count()).toBe(0);
    await page.context().close();
  });

  it('shows the consent notice first and stores its exact text, version and acceptance time with the conversation', async () => {
    const { page, widget } = await open('/consent-demo');
    const notice = 'This chat is recorded and shared with our sales team so we can answer you. See our privacy notice.';

    await expect.poll(() => lastBotTexts(page)).toEqual([`${notice}Accept and start chattingNo thanks`]);
    await widget.getByRole('button', { name: 'Accept and start chatting' }).click();
    await expect.poll(() => lastBotTexts(page)).toContain('What brings you here today?');

    const conversationId = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('baton:demo-consent:conversation')))!,
    ).conversationId as string;
    const { headers } = await heldVisitor(page, 'demo-consent');
    const stored = await (await fetch(`${runtime.url}/v1/conversations/${conversationId}`, { headers })).json();
    expect(stored.conversation.consent).toMatchObject({
      version: '2026-11',
      text: notice,
      acceptedAt: expect.any(String),
      requesterHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await page.context().close();
  });

  it('has no serious or critical accessibility violations on the open widget (axe-core)', async () => {
    // axe is injected as a script; the demo page's strict CSP would refuse it, so this context bypasses CSP.
    const { page, widget } = await open('/pricing', { bypassCSP: true });
    await widget.getByRole('button', { name: 'See a demo' }).waitFor();
    expect(await axeViolations(page, '#baton-widget')).toEqual([]);
    await page.context().close();
  });

  it('works with the keyboard alone on a phone-sized screen', async () => {
    const { page, widget } = await open('/pricing', { viewport: { width: 375, height: 667 } });
    await widget.getByRole('button', { name: 'See a demo' }).waitFor();

    const panel = await widget.locator('.panel').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(375);
    // Focus starts in the message field; Shift+Tab reaches the buttons, Enter presses one.
    await widget.getByRole('button', { name: 'Just looking' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => lastBotTexts(page)).toContain("What's your work email?");
    await widget.getByLabel('Your message').focus();
    await page.keyboard.type('kim@gmail.com');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => lastBotTexts(page))
      .toContain('Thanks! Our buyer’s guide is a good next step; we will also send you what fits your team.');
    await page.keyboard.press('Escape');
    expect(await widget.locator('.panel').isHidden()).toBe(true);
    expect(await widget.getByRole('button', { name: 'Chat with us' }).getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });
});
