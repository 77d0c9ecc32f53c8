import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { heldVisitor } from '../support/visitor-client.js';
import { startTestRuntime } from '../support/test-runtime.js';

const NOTICE = 'This chat is recorded and shared with our sales team so we can answer you. See our privacy notice.';

describe.skipIf(!hasBrowser)('the widget on a site that requires consent, in Chromium', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let marketing: string;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      mailDir: await mkdtemp(join(tmpdir(), 'baton-consent-mail-')),
    });
    browser = await launchBrowser();
    marketing = await runtime.issueToken({ userId: 'mia', roles: ['marketing'], sites: ['demo-consent'] });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  /** A page whose every call to the API about the visitor is written down as it leaves the browser. */
  const visit = async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const sent: Array<{ path: string; body: any }> = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === 'POST' && path.startsWith('/v1/'))
        sent.push({ path, body: JSON.parse(request.postData() ?? 'null') });
    });
    return { page, sent, widget: page.locator('#baton-widget') };
  };
  /** Loads the page and opens the chat as far as the notice: by then the launcher has settled what to send. */
  const openToNotice = async (page: Page) => {
    const config = page.waitForResponse((response) => response.url().includes('/widget-config'));
    await page.goto(`${runtime.url}/consent-demo`);
    await config;
    await page.locator('#baton-widget').getByRole('button', { name: 'Chat with us' }).click();
    await page.locator('#baton-widget').getByText(NOTICE).waitFor();
  };
  const pageViews = (sent: Array<{ path: string; body: any }>) =>
    sent.filter((call) => call.path === '/v1/visitor-events').map((call) => call.body);

  it('sends nothing before acceptance, then the held page view with the accepted version, for the visitor of the chat', async () => {
    const { page, sent, widget } = await visit();

    await openToNotice(page);
    expect(sent).toEqual([]);

    await widget.getByRole('button', { name: 'Accept and start chatting' }).click();
    await expect.poll(() => pageViews(sent)).toHaveLength(1);
    expect(pageViews(sent)[0]).toMatchObject({
      siteKey: 'demo-consent',
      event: { type: 'page_view', url: `${runtime.url}/consent-demo` },
      consent: { version: '2026-11', language: 'en-US' },
    });
    expect(sent.map((call) => call.path)).toEqual(['/v1/conversations', '/v1/visitor-events']);

    const { visitorId } = await heldVisitor(page, 'demo-consent');
    const read = async () =>
      (
        await fetch(`${runtime.url}/v1/visitors/${visitorId}`, { headers: { Authorization: `Bearer ${marketing}` } })
      ).json();
    await expect.poll(async () => (await read()).pageViews?.length).toBe(1);
    expect((await read()).consent).toMatchObject({ version: '2026-11', text: NOTICE });

    // The choice is remembered: the next page's view leaves at once, before anyone opens the chat.
    sent.length = 0;
    await page.reload();
    await expect
      .poll(() => pageViews(sent).map((body) => [body.event.type, body.consent?.version]))
      .toContainEqual(['page_view', '2026-11']);
    await page.context().close();
  });

  it('drops what it held on refusal and sends nothing after, on this page or the next', async () => {
    const { page, sent, widget } = await visit();

    await openToNotice(page);
    await widget.getByRole('button', { name: 'No thanks' }).click();
    await widget.getByText('Nothing about your visit is recorded.', { exact: false }).waitFor();
    // Leaving the page would send the time on page; the reload leaves it and opens the next one.
    await page.reload();
    await openToNotice(page);

    expect(sent).toEqual([]);
    await page.context().close();
  });
});
