import { createApi } from './api.js';
import { consentGate, type Notice } from './consent.js';
import { launcherCss } from './styles.js';
import { openLabel } from './texts.js';

/**
 * The launcher: the only part loaded with the host page. It adds one button in a shadow root and
 * loads the chat app on the first sign of intent (hover, focus or click).
 */
(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) return;
  const siteKey = script.dataset.siteKey ?? '';
  const base = new URL(script.src).origin;
  const language = navigator.language || 'en';

  // Page views and time on page feed the visitor's score; the chat joins the same visitor (its token).
  // On a site that requires consent they wait for the visitor's choice (consent.ts); asking for the
  // notice sends nothing about the visitor: no token, no referrer.
  const api = createApi(base, siteKey);
  const notice = fetch(
    `${base}/v1/sites/${encodeURIComponent(siteKey)}/widget-config?language=${encodeURIComponent(language)}`,
    { referrerPolicy: 'no-referrer' },
  )
    .then(async (response) =>
      response.ok ? ((await response.json()) as { consent: Notice | null }).consent : undefined,
    )
    .catch(() => undefined);
  const consent = consentGate(api, siteKey, language, notice);
  const track = (event: Record<string, unknown>) => consent.track(event);
  const visitorId = track({
    type: 'page_view',
    url: location.href,
    title: document.title.slice(0, 500),
    referrer: document.referrer,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const shownAt = performance.now();
  addEventListener(
    'pagehide',
    () => void track({ type: 'page_leave', url: location.href, timeOnPageMs: Math.round(performance.now() - shownAt) }),
  );

  const host = document.createElement('div');
  host.id = 'baton-widget';
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(launcherCss);
  root.adoptedStyleSheets = [sheet];

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-label', openLabel(language));
  button.setAttribute('aria-expanded', 'false');
  // A drawn icon: emoji fonts are not everywhere.
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  button.append(svg);
  root.append(button);

  type ChatModule = typeof import('./chat.js');
  let chat: Promise<ChatModule> | undefined;
  const load = () => (chat ??= import(`${base}/widget/chat.js`) as Promise<ChatModule>);
  let opened: Awaited<ReturnType<ChatModule['mountChat']>> | undefined;

  button.addEventListener('pointerenter', load, { once: true });
  button.addEventListener('focus', load, { once: true });
  button.addEventListener('click', async () => {
    if (opened) {
      opened.toggle();
      return;
    }
    const module = await load();
    opened = module.mountChat(root, { base, api, siteKey, language, launcher: button, visitorId, consent });
  });

  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
})();
