import { launcherCss } from './styles.js';
import { textsFor } from './texts.js';

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
  const texts = textsFor(language);

  const host = document.createElement('div');
  host.id = 'baton-widget';
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(launcherCss);
  root.adoptedStyleSheets = [sheet];

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-label', texts.open);
  button.setAttribute('aria-expanded', 'false');
  button.textContent = '💬';
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
    opened = module.mountChat(root, { base, siteKey, language, launcher: button });
  });

  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
})();
