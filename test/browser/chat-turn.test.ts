import type { Browser, Page } from 'playwright-core';
import { heldVisitor } from '../support/visitor-client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

describe.skipIf(!hasBrowser)('the chat widget in Chromium on the demo page', () => {
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

  const openDemo = async (locale = 'en-US') => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${runtime.url}/`);
    return { page, problems };
  };
  const widget = (page: Page) => page.locator('#baton-widget');

  it('greets the visitor, takes a message and shows the bot reply, all stored in DynamoDB', async () => {
    const { page, problems } = await openDemo();

    await widget(page).getByRole('button', { name: 'Chat with us' }).click();
    const log = widget(page).getByRole('log');
    await expect
      .poll(() => log.locator('.message').allTextContents())
      .toEqual([
        "Hi! I'm the Acme Analytics assistant. I can connect you with the right person on our team.",
        'What brings you here today?',
      ]);
    await widget(page).getByLabel('Your message').fill('We need to route demo requests');
    await widget(page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => log.locator('.message').count()).toBe(4);

    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('baton:demo:conversation'))) ?? '{}') as {
      conversationId: string;
    };
    const held = await heldVisitor(page, 'demo');
    const conversation = (await (
      await fetch(`${runtime.url}/v1/conversations/${stored.conversationId}`, { headers: held.headers })
    ).json()) as {
      messages: Array<{ role: string; text: string }>;
    };
    expect(conversation.messages.slice(2)).toMatchObject([
      { role: 'visitor', text: 'We need to route demo requests' },
      { role: 'bot', text: "Got it. What's your work email, so the right person can follow up?" },
    ]);
    // The demo page sends a strict Content-Security-Policy; a violation would show up as a console error.
    expect(problems).toEqual([]);

    // The page view the launcher sent and the chat's answers belong to one visitor.
    const { visitorId } = held;
    const token = await runtime.issueToken({ userId: 'test', roles: ['sales'], sites: ['demo'] });
    const visitor = (await (
      await fetch(`${runtime.url}/v1/visitors/${visitorId}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as Record<string, any>;
    expect(visitor.pageViews).toMatchObject([{ path: '/', title: 'Acme Analytics — revenue analytics for B2B teams' }]);
    expect(visitor.geo).toMatchObject({ timeZone: expect.any(String), source: 'browser' });
    expect(visitor.answers).toEqual({ need: 'We need to route demo requests' });
    expect(stored).toMatchObject({ visitorId });
    await page.context().close();
  });

  it('sends a message typed while the previous turn is answered after that answer, and shows both answers in order', async () => {
    const { page, problems } = await openDemo();
    // The first turn is held at the network until the second message has been typed and sent.
    const posted: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/v1/conversations/*/messages', async (route) => {
      posted.push((route.request().postDataJSON() as { text: string }).text);
      if (posted.length === 1) await held;
      await route.continue();
    });
    await widget(page).getByRole('button', { name: 'Chat with us' }).click();
    const log = widget(page).getByRole('log');
    await expect.poll(() => log.locator('.message').count()).toBe(2);
    const input = widget(page).getByLabel('Your message');
    await input.fill('We need to route demo requests');
    await input.press('Enter');
    await expect.poll(() => posted).toEqual(['We need to route demo requests']);
    await input.fill('sam@initech.example');
    await input.press('Enter');

    // The second message waits, shown as waiting, and is not sent while the first is unanswered.
    await expect.poll(() => log.locator('.pending').allTextContents()).toContain('sam@initech.example');
    expect(posted).toEqual(['We need to route demo requests']);
    release();

    const stored = async () => {
      const { conversationId } = JSON.parse(
        (await page.evaluate(() => localStorage.getItem('baton:demo:conversation'))) ?? '{}',
      ) as { conversationId: string };
      const { headers } = await heldVisitor(page, 'demo');
      const body = (await (await fetch(`${runtime.url}/v1/conversations/${conversationId}`, { headers })).json()) as {
        messages: Array<{ role: string; text: string }>;
      };
      return body.messages;
    };
    await expect
      .poll(async () => (await stored()).filter((message) => message.role === 'visitor').map((m) => m.text))
      .toEqual(['We need to route demo requests', 'sam@initech.example']);
    const messages = await stored();
    // Each turn was answered, and the widget shows every stored message once, in order.
    expect(messages.map((message) => message.role)).toEqual(['bot', 'bot', 'visitor', 'bot', 'visitor', 'bot']);
    await expect
      .poll(() => log.locator('.message:not(.choices):not(.picker):not(.rep)').allTextContents())
      .toEqual(messages.map((message) => message.text));
    expect(await input.inputValue()).toBe('');
    expect(posted).toHaveLength(2);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('resumes the conversation after a reload', async () => {
    const { page } = await openDemo();
    await widget(page).getByRole('button', { name: 'Chat with us' }).click();
    await widget(page).getByLabel('Your message').fill('Remember me');
    await widget(page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => widget(page).getByRole('log').locator('.message').count()).toBe(4);

    await page.reload();
    await widget(page).getByRole('button', { name: 'Chat with us' }).click();

    await expect
      .poll(() => widget(page).getByRole('log').locator('.message').allTextContents())
      .toContain('Remember me');
    await page.context().close();
  });

  it('shows HTML in a message as text and runs nothing', async () => {
    const { page } = await openDemo();
    await page.evaluate(() => {
      (window as unknown as { pwned: boolean }).pwned = false;
    });
    await widget(page).getByRole('button', { name: 'Chat with us' }).click();
    await widget(page).getByLabel('Your message').fill('<img src=x onerror="window.pwned=true">');
    await widget(page).getByRole('button', { name: 'Send' }).click();

    const log = widget(page).getByRole('log');
    await expect
      .poll(() => log.locator('.message').allTextContents())
      .toContain('<img src=x onerror="window.pwned=true">');
    expect(await log.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned: boolean }).pwned)).toBe(false);
    await page.context().close();
  });

  it('speaks Spanish to a Spanish browser', async () => {
    const { page } = await openDemo('es-ES');

    await widget(page).getByRole('button', { name: 'Chatea con nosotros' }).click();

    await expect
      .poll(() => widget(page).getByRole('log').locator('.message').allTextContents())
      .toContain('¿Qué te trae por aquí hoy?');
    await page.context().close();
  });
});
