import { chatCss } from './styles.js';
import { textsFor } from './texts.js';

interface Message {
  id: string;
  role: 'visitor' | 'bot';
  text: string;
}

interface Stored {
  conversationId: string;
  visitorId: string;
}

export interface ChatOptions {
  base: string;
  siteKey: string;
  language: string;
  launcher: HTMLButtonElement;
  /** The visitor the launcher's page view created or found. */
  visitorId: Promise<string | null>;
}

const storageKey = (siteKey: string) => `baton:${siteKey}:conversation`;

/** The chat app, loaded on intent. Every message is rendered with textContent: visitor and bot text is never HTML. */
export function mountChat(root: ShadowRoot, { base, siteKey, language, launcher, visitorId }: ChatOptions) {
  const texts = textsFor(language);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(chatCss);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];

  const panel = element('section', { className: 'panel', role: 'dialog', 'aria-label': texts.title });
  const header = element('div', { className: 'header' });
  const title = element('h2', {}, texts.title);
  const close = element('button', { className: 'close', type: 'button', 'aria-label': texts.close }, '×');
  header.append(title, close);
  const log = element('ol', { className: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': texts.log });
  const status = element('p', { className: 'status', role: 'status' });
  const form = element('form', { className: 'composer' });
  const inputId = 'baton-input';
  const label = element('label', { htmlFor: inputId }, texts.input);
  const input = element('input', { id: inputId, className: 'input', type: 'text', autocomplete: 'off', maxLength: 2000, placeholder: texts.input });
  const send = element('button', { className: 'send', type: 'submit' }, texts.send);
  form.append(label, input, send);
  panel.append(header, log, status, form);
  root.append(panel);

  const shown = new Set<string>();
  let conversationId: string | undefined;

  const render = (messages: Message[]) => {
    for (const message of messages) {
      if (shown.has(message.id)) continue;
      shown.add(message.id);
      const item = element('li', { className: `message ${message.role}` });
      item.textContent = message.text;
      log.append(item);
    }
    log.scrollTop = log.scrollHeight;
  };

  const api = async <T>(path: string, init?: { method: string; body: unknown }): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${path}`, {
      method: init?.method ?? 'GET',
      headers: init ? { 'Content-Type': 'application/json' } : {},
      body: init ? JSON.stringify(init.body) : null,
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  const start = async () => {
    const saved = readStored(siteKey);
    if (saved) {
      const existing = await api<{ messages: Message[] }>(`/v1/conversations/${saved.conversationId}`);
      if (existing.status === 200) {
        conversationId = saved.conversationId;
        render(existing.body.messages);
        return;
      }
    }
    const knownVisitor = (await visitorId) ?? saved?.visitorId;
    const created = await api<{ conversation: Stored & { id: string }; messages: Message[] }>('/v1/conversations', {
      method: 'POST',
      body: { siteKey, language, ...(knownVisitor ? { visitorId: knownVisitor } : {}) },
    });
    if (created.status !== 201) throw new Error(`start failed with ${created.status}`);
    conversationId = created.body.conversation.id;
    localStorage.setItem(storageKey(siteKey), JSON.stringify({ conversationId, visitorId: created.body.conversation.visitorId }));
    render(created.body.messages);
  };

  const ready = start().catch(() => {
    status.textContent = texts.failed;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !conversationId) return;
    send.disabled = true;
    status.textContent = '';
    const clientMessageId = crypto.randomUUID();
    try {
      const result = await api<{ messages: Message[] }>(`/v1/conversations/${conversationId}/messages`, { method: 'POST', body: { clientMessageId, text } });
      if (result.status !== 201 && result.status !== 200) throw new Error(String(result.status));
      input.value = '';
      render(result.body.messages);
    } catch {
      status.textContent = texts.failed;
    } finally {
      send.disabled = false;
      input.focus();
    }
  });

  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) input.focus();
    else launcher.focus();
  };
  close.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });
  setOpen(true);

  return { ready, toggle: () => setOpen(panel.hidden) };
}

function readStored(siteKey: string): Stored | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey(siteKey)) ?? 'null') as Partial<Stored> | null;
    return value && typeof value.conversationId === 'string' && typeof value.visitorId === 'string' ? (value as Stored) : null;
  } catch {
    return null;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string | number>, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name in node && !name.includes('-') && name !== 'role') (node as unknown as Record<string, unknown>)[name] = value;
    else node.setAttribute(name, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}
