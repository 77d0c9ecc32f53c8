import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSite } from '../../functions/local/demo-data.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { openLabel, textsFor } from '../../widget/src/texts.js';
import { axeViolations } from '../support/axe.js';
import { hasBrowser, launchBrowser } from '../support/browser.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { startTestRuntime } from '../support/test-runtime.js';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/language-screenshots/', import.meta.url));

/** How a visitor asks for a person in each language, and the zone their browser is in. */
const VISITORS = [
  { language: 'es', locale: 'es-ES', timezoneId: 'Europe/Madrid', askForPerson: 'Quiero hablar con una persona' },
  { language: 'pt', locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', askForPerson: 'Quero falar com uma pessoa' },
  {
    language: 'de',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    askForPerson: 'Ich möchte mit einem Menschen sprechen',
  },
] as const;
const SIZES = [
  { name: 'phone', viewport: { width: 375, height: 740 } },
  { name: 'wide', viewport: { width: 1440, height: 900 } },
];

/** Every localized text of the demo site, as [English, the language's] pairs. */
const siteTexts = (value: unknown, language: string): Array<[string, string]> => {
  if (Array.isArray(value)) return value.flatMap((item) => siteTexts(item, language));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.en === 'string') return [[record.en, String(record[language])]];
  return Object.values(record).flatMap((item) => siteTexts(item, language));
};

/**
 * The English a visitor of `language` must never read: the widget's and manage page's own texts and the
 * demo site's conversation, cut at their placeholders, except what reads the same in the language ("Chat").
 */
const englishFor = (language: string): string[] => {
  const english = textsFor('en');
  const own = textsFor(language);
  const pairs: Array<[string, string]> = [
    ...(Object.keys(english) as Array<keyof typeof english>).map((key): [string, string] => [english[key], own[key]]),
    [openLabel('en'), openLabel(language)],
    ...siteTexts(demoSite, language),
  ];
  return pairs.flatMap(([en, translated]) =>
    en
      .split(/\{\w+\}/)
      .map((fragment) => fragment.trim().replace(/^[.,:;·]\s*|[.,:;·]$/g, ''))
      // A fragment the translation keeps ("min") is the language's word too.
      .filter((fragment) => /[a-z]{3}/i.test(fragment) && !translated.includes(fragment)),
  );
};
const leftovers = (shown: string, english: string[]) =>
  english.filter((fragment) =>
    new RegExp(`(^|[^\\p{L}])${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(shown),
  );

/** Everything a visitor reads or hears in an element: its text, labels, placeholders and titles. */
const readable = (page: Page, selector: string) =>
  page.locator(selector).evaluate((root) => {
    const scope = (root.shadowRoot ?? root) as ParentNode;
    const attributes = [...scope.querySelectorAll('[aria-label], [placeholder], [title], [alt]')].flatMap((node) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((name) => node.getAttribute(name) ?? ''),
    );
    const text = [...scope.querySelectorAll('*')]
      .filter((node) => !(node instanceof HTMLStyleElement || node instanceof HTMLScriptElement))
      .flatMap((node) => [...node.childNodes].filter((child) => child.nodeType === Node.TEXT_NODE))
      .map((child) => child.textContent ?? '');
    return [...text, ...attributes, document.title].join('\n');
  });

describe.skipIf(!hasBrowser)('the widget and the manage page in every language the widget claims', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  beforeAll(async () => {
    runtime = await startTestRuntime({
      ...steadyEnrichment,
      mailDir: await mkdtemp(join(tmpdir(), 'baton-language-mail-')),
    });
    browser = await launchBrowser();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  for (const visitor of VISITORS)
    for (const { name, viewport } of visitor.language === 'de' ? SIZES : SIZES.slice(0, 1))
      it(`speaks ${visitor.language} from the launcher to the booked meeting's manage page, with no English left (${name})`, async () => {
        const texts = textsFor(visitor.language);
        const english = englishFor(visitor.language);
        const site = Object.fromEntries(siteTexts(demoSite, visitor.language));
        const shot = (page: Page, step: string) =>
          page.screenshot({ path: join(SCREENSHOTS, `${step}-${visitor.language}-${name}.png`) });
        // axe-core is injected as a script, which the pages' strict CSP would refuse.
        const context = await browser.newContext({
          locale: visitor.locale,
          timezoneId: visitor.timezoneId,
          viewport,
          bypassCSP: true,
        });
        const page = await context.newPage();
        await page.goto(`${runtime.url}/`);
        const widget = page.locator('#baton-widget');
        await widget.getByRole('button', { name: openLabel(visitor.language) }).click();
        const log = widget.getByRole('log');
        await expect
          .poll(() => log.locator('.message').allTextContents())
          .toEqual([site[demoSite.playbook.greeting.en], site['What brings you here today?']]);
        expect(await widget.locator('.greeting').textContent()).toBe(site[demoSite.greeting!.en]);

        await widget.getByLabel(texts.input).fill(visitor.askForPerson);
        await widget.getByRole('button', { name: texts.send }).click();
        await expect
          .poll(() => log.locator('.message').allTextContents())
          .toContain(site["Got it. What's your work email, so the right person can follow up?"]);
        const email = `lena.${visitor.language}.${name}@globex.com`;
        await widget.getByLabel(texts.input).fill(email);
        await widget.getByRole('button', { name: texts.send }).click();
        const times = widget.getByRole('group', { name: texts.times });
        await expect.poll(() => times.locator('button.slot').count()).toBeGreaterThan(0);
        expect(leftovers(await readable(page, '#baton-widget'), english)).toEqual([]);
        expect(await axeViolations(page, '#baton-widget')).toEqual([]);
        await shot(page, 'offered');

        await times.locator('button.slot').first().click();
        await widget.getByLabel(texts.name).fill('Lena Vogt');
        await widget.getByRole('button', { name: texts.book }).click();
        const confirmation = widget.locator('.confirmation');
        await expect.poll(() => confirmation.count()).toBe(1);
        expect(await confirmation.textContent()).toContain(texts.booked.split('{when}')[0]);
        expect(leftovers(await readable(page, '#baton-widget'), english)).toEqual([]);
        await shot(page, 'booked');

        const manageUrl = (await confirmation.getByRole('link', { name: texts.manage }).getAttribute('href'))!;
        const manage = await context.newPage();
        await manage.goto(manageUrl);
        await manage.getByRole('heading', { name: texts.heading }).waitFor();
        await manage.getByRole('group', { name: texts.days }).waitFor();
        expect(await manage.locator('html').getAttribute('lang')).toBe(visitor.language);
        expect(await manage.getByRole('button', { name: texts.cancel }).count()).toBe(1);
        await manage.getByRole('button', { name: texts.cancel }).click();
        await manage.getByRole('button', { name: texts.keep }).waitFor();
        expect(leftovers(await readable(manage, 'body'), english)).toEqual([]);
        expect(await axeViolations(manage)).toEqual([]);
        await manage.screenshot({ path: join(SCREENSHOTS, `manage-${visitor.language}-${name}.png`), fullPage: true });
        await context.close();
      }, 90_000);
});
