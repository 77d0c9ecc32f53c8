import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { screenshot, seriousViolations, signedInPage } from '../support/console-browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { limitsNoTestReaches } from '../fixtures/limits.js';
import { startTestRuntime } from '../support/test-runtime.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/live-chat-screenshots/', import.meta.url));
const JOINED = 'Ana Souza has joined the conversation.';
const NOBODY = 'Nobody can chat right now. Pick a time that suits you:';

describe.skipIf(!hasBrowser)(
  'live chat between the widget and the console inbox, in Chromium',
  { timeout: 180_000 },
  () => {
    let runtime: LocalRuntime;
    let browser: Browser;
    /** Real time plus whatever the test moved it on by: offers run out when the test says, not after 30 real seconds. */
    let shift = 0;
    const reps: Record<string, Page> = {};

    beforeAll(async () => {
      runtime = await startTestRuntime({
        // Polls and retries under a held clock stay in one window; these tests are not about limits.
        limits: limitsNoTestReaches,
        ...steadyEnrichment,
        clock: () => new Date(Date.now() + shift),
        timerIntervalMs: 250,
      });
      browser = await launchBrowser();
      await mkdir(SCREENSHOTS, { recursive: true });
    });
    afterAll(async () => {
      await browser?.close();
      await runtime?.close();
    });

    /** The rep's console on the live demo site's inbox, signed in once for the whole file. */
    const rep = async (username: 'ana' | 'ben') => {
      if (!reps[username]) {
        const { page } = await signedInPage(browser, runtime, username);
        await page.goto(`${runtime.url}/admin#/inbox`);
        await page.getByLabel('Site').selectOption('demo-live');
        await expect.poll(() => page.getByRole('radio', { name: 'Away' }).isChecked()).toBe(true);
        reps[username] = page;
      }
      return reps[username]!;
    };
    const presence = async (username: 'ana' | 'ben', setting: 'Available' | 'Away') => {
      const page = await rep(username);
      await page.getByRole('radio', { name: setting }).check();
      await expect
        .poll(() => page.getByRole('region', { name: 'Presence' }).textContent())
        .toContain(setting === 'Available' ? 'available for live chat' : 'not taking live chats');
    };
    const offers = (username: 'ana' | 'ben') =>
      reps[username]!.getByRole('region', { name: /Offered to you/ }).getByRole('button');

    const visitor = async () => {
      const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Lisbon' });
      const page = await context.newPage();
      await page.goto(`${runtime.url}/live-demo`);
      await openWidget(page);
      return page;
    };
    const openWidget = async (page: Page) => {
      await page.locator('#baton-widget').getByRole('button', { name: 'Chat with us' }).click();
      await expect.poll(() => texts(page)).toContain('What brings you here today?');
    };
    const widget = (page: Page) => page.locator('#baton-widget');
    const texts = (page: Page) => widget(page).getByRole('log').locator('.message').allTextContents();
    /** The demo's two questions, then the offer to talk now. */
    const askToTalk = async (page: Page, need: string, email: string) => {
      await say(page, need);
      await expect
        .poll(() => texts(page))
        .toContain("Got it. What's your work email, so the right person can follow up?");
      await say(page, email);
    };
    const say = async (page: Page, text: string) => {
      await widget(page).getByLabel('Your message').fill(text);
      await widget(page).getByRole('button', { name: 'Send' }).click();
    };
    const repMessages = (page: Page) => widget(page).locator('.message.from-rep').allTextContents();
    const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

    it('a visitor and a rep chat live: offer, accept, messages both ways, typing, and a reload loses and repeats nothing', async () => {
      await presence('ana', 'Available');
      const ana = reps.ana!;
      const page = await visitor();
      await askToTalk(page, 'Can I talk to someone right now?', 'lee@northwind.example');
      await expect.poll(() => texts(page)).toContain('Let me find someone who can talk with you right now…');
      // The visitor is told what happens next while the rep is asked.
      await expect
        .poll(() => widget(page).locator('.live-note').textContent())
        .toContain('if nobody can join, you will be offered times');
      await shot(page, 'visitor-waiting');

      await expect.poll(() => offers('ana').count()).toBe(1);
      await offers('ana').first().click();
      await ana.getByRole('button', { name: 'Accept chat' }).click();
      await expect.poll(() => texts(page)).toContain(JOINED);
      await expect
        .poll(() => widget(page).locator('.live-note').textContent())
        .toBe('You are chatting live with Ana Souza.');

      const message = ana.getByLabel('Message to the visitor');
      await message.fill('Hi, I am Ana. How can I help?');
      await ana.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => repMessages(page)).toEqual(['Ana SouzaHi, I am Ana. How can I help?']);

      await widget(page).getByLabel('Your message').pressSequentially('Pric');
      await expect.poll(() => ana.locator('.live-chat .typing').textContent()).toBe('The visitor is typing…');
      await say(page, 'Pricing for 40 seats, please');
      const transcript = ana.getByRole('log', { name: 'Conversation' });
      await expect.poll(() => transcript.textContent()).toContain('Pricing for 40 seats, please');
      expect(await seriousViolations(ana)).toEqual([]);
      await screenshot(ana, 'inbox-live');
      await shot(page, 'visitor-live');

      // The visitor reloads mid-chat; the rep writes meanwhile; the chat resumes with each message once.
      await page.reload();
      await message.fill('Here is what 40 seats cost.');
      await ana.getByRole('button', { name: 'Send', exact: true }).click();
      await openWidget(page);
      await expect
        .poll(() => repMessages(page))
        .toEqual(['Ana SouzaHi, I am Ana. How can I help?', 'Ana SouzaHere is what 40 seats cost.']);
      await message.fill('Anything else?');
      await ana.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => repMessages(page)).toHaveLength(3);
      const all = await texts(page);
      expect(all.filter((text) => text === JOINED)).toHaveLength(1);
      expect(all.filter((text) => text === 'Pricing for 40 seats, please')).toHaveLength(1);

      await ana.getByRole('button', { name: 'End chat' }).click();
      await expect.poll(() => texts(page)).toContain('The conversation with Ana Souza has ended.');
      await page.context().close();
    });

    it('a rep who declines passes the visitor to the next rep; an offer left to run out moves on; then the visitor is offered times', async () => {
      await presence('ana', 'Available');
      await presence('ben', 'Available');
      const page = await visitor();
      await askToTalk(page, 'I want to talk to a human', 'kim@contoso.example');

      await expect.poll(async () => (await offers('ana').count()) + (await offers('ben').count())).toBe(1);
      const [first, second] =
        (await offers('ana').count()) === 1 ? (['ana', 'ben'] as const) : (['ben', 'ana'] as const);
      await offers(first).first().click();
      expect(await seriousViolations(reps[first]!)).toEqual([]);
      await screenshot(reps[first]!, 'inbox-offer');
      await reps[first]!.getByRole('button', { name: 'Decline' }).click();
      await expect.poll(() => offers(second).count()).toBe(1);
      await expect.poll(() => offers(first).count()).toBe(0);

      // The second rep lets the offer run out; its timer moves it on without anyone reading the chat.
      shift += 30_000;
      await expect.poll(() => texts(page)).toContain(NOBODY);
      await expect.poll(() => offers(second).count()).toBe(0);
      const times = widget(page).getByRole('group', { name: 'Available times' });
      await expect.poll(() => times.locator('button.slot').count()).toBeGreaterThan(0);
      await shot(page, 'visitor-offered-times-after-timeout');
      await page.context().close();
    });

    it('with nobody available the visitor is offered open times at once', async () => {
      await presence('ana', 'Away');
      await presence('ben', 'Away');
      const page = await visitor();
      await askToTalk(page, 'Can I speak with someone?', 'jo@fabrikam.example');
      await expect.poll(() => texts(page)).toContain(NOBODY);
      const times = widget(page).getByRole('group', { name: 'Available times' });
      await expect.poll(() => times.locator('button.slot').count()).toBeGreaterThan(0);
      await expect.poll(() => widget(page).locator('.live-note').count()).toBe(0);
      await shot(page, 'visitor-nobody-available');
      await page.context().close();
    });
  },
);
