import type { WidgetApi } from './api.js';
import { type ConsentGate, storedChoice } from './consent.js';
import { dayPicker } from './day-picker.js';
import { element } from './dom.js';
import { startLive } from './live.js';
import { chatCss } from './styles.js';
import { textsFor } from './texts.js';

type Attachment =
  | { type: 'rep'; name: string; title: string | null; photoUrl: string | null }
  | { type: 'slots' }
  | { type: 'offer'; title: string; url: string }
  | { type: 'live-chat' };

interface Message {
  id: string;
  role: 'visitor' | 'bot' | 'rep';
  /** The rep's name, on a rep's live message. */
  from?: string;
  text: string;
  options?: Array<{ value: string; label: string }>;
  attachment?: Attachment;
}

interface Slot {
  start: string;
  repId: string;
  localStart: string;
}

interface Stored {
  conversationId: string;
  visitorId: string;
}

export interface ChatOptions {
  base: string;
  /** The launcher's API client: it holds the visitor's token. */
  api: WidgetApi;
  siteKey: string;
  language: string;
  launcher: HTMLButtonElement;
  /** Settles once the launcher's page view has answered (or was held), so the chat joins the visitor it made. */
  visitorId: Promise<string | null>;
  /** The launcher's held visitor events, told the visitor's choice on the consent notice. */
  consent: ConsentGate;
}

const storageKey = (siteKey: string) => `baton:${siteKey}:conversation`;
const bookingKey = (siteKey: string) => `baton:${siteKey}:booking`;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{2,}$/;

interface Booked {
  conversationId: string;
  text: string;
  manageUrl: string | null;
}
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Only web links are shown as links; anything else stays text. */
const safeUrl = (value: string, base: string): string | null => {
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
};

/** The chat app, loaded on intent. Every text is set with textContent: visitor and bot text is never HTML. */
export function mountChat(
  root: ShadowRoot,
  { base, api: client, siteKey, language, launcher, visitorId, consent: gate }: ChatOptions,
) {
  const texts = textsFor(language);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(chatCss);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const when = (iso: string) =>
    new Intl.DateTimeFormat(language, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: timeZone(),
    }).format(new Date(iso));

  const panel = element('section', { className: 'panel', role: 'dialog', 'aria-label': texts.title });
  const title = element('h2', {}, texts.title);
  const tagline = element('p', { className: 'greeting' });
  const brandBox = element('div', { className: 'brand' });
  brandBox.append(title, tagline);
  const header = element('div', { className: 'header' });
  const close = element('button', { className: 'close', type: 'button', 'aria-label': texts.close }, '×');
  header.append(brandBox, close);
  const log = element('div', { className: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': texts.log });
  const status = element('p', { className: 'status', role: 'status' });
  const form = element('form', { className: 'composer' });
  const input = element('input', {
    id: 'baton-input',
    className: 'input',
    type: 'text',
    autocomplete: 'off',
    maxLength: 2000,
    placeholder: texts.input,
  });
  const send = element('button', { className: 'send', type: 'submit' }, texts.send);
  form.append(element('label', { htmlFor: 'baton-input' }, texts.input), input, send);
  panel.append(header, log, status, form);
  root.append(panel);

  const shown = new Set<string>();
  let conversationId: string | undefined;
  let choices: HTMLElement | undefined;
  let givenEmail = '';

  const api = client.call;
  /** Messages still waiting for their turn stay last, under everything the server has answered. */
  const item = (className: string, text?: string) => {
    const li = element('div', { className: `message ${className}` });
    if (text !== undefined) li.textContent = text;
    log.insertBefore(li, log.querySelector('.pending'));
    log.scrollTop = log.scrollHeight;
    return li;
  };

  /**
   * One turn at a time: a message sent while the previous one is answered waits for that answer, so the
   * server takes them in order and no answer is lost (two turns in flight raced each other).
   */
  let turns = Promise.resolve();
  const say = (text: string) => {
    status.textContent = '';
    const pending = element('div', { className: 'message visitor pending', title: texts.sending }, text);
    log.append(pending);
    log.scrollTop = log.scrollHeight;
    // A message typed before the conversation has started waits for it too.
    const turn = turns.then(() => ready).then(() => sendText(text, pending));
    turns = turn.then(() => undefined);
    return turn;
  };

  const showOptions = (options: NonNullable<Message['options']>) => {
    choices?.remove();
    choices = item('choices');
    choices.setAttribute('role', 'group');
    for (const option of options) {
      const button = element('button', { className: 'choice', type: 'button' }, option.label);
      button.addEventListener('click', () => {
        // Answered once: a second click would send the answer again.
        choices?.remove();
        choices = undefined;
        void say(option.label);
      });
      choices.append(button);
    }
  };

  /** Fills `group` (kept where the offer appeared in the conversation) with the open times. */
  const showSlots = async (group: HTMLElement) => {
    if (!conversationId) return;
    const { status: code, body } = await api<{
      slots: Slot[];
      reps: Array<{ repId: string; name: string }>;
      meetingType: { durationMinutes: number };
    }>(`/v1/conversations/${conversationId}/slots?timeZone=${encodeURIComponent(timeZone())}`);
    if (code !== 200 || booked()) return void group.remove();
    if (body.slots.length === 0) {
      group.className = 'message bot';
      group.textContent = texts.noTimes;
      return;
    }
    const repName = (repId: string) => body.reps.find((rep) => rep.repId === repId)?.name ?? '';
    group.append(
      dayPicker(body.slots, {
        language,
        timeZone: timeZone(),
        durationMinutes: body.meetingType.durationMinutes,
        texts,
        onPick: (slot, label) => bookingForm(slot, label, repName(slot.repId)),
      }),
    );
    // The times arrive after the message that offered them: scroll so the visitor sees them.
    log.scrollTop = log.scrollHeight;
  };

  const booked = (): Booked | null => {
    try {
      const value = JSON.parse(localStorage.getItem(bookingKey(siteKey)) ?? 'null') as Booked | null;
      return value && value.conversationId === conversationId ? value : null;
    } catch {
      return null;
    }
  };
  const showConfirmation = (done: Booked) => {
    const confirmation = item('bot confirmation', done.text);
    const href = done.manageUrl ? safeUrl(done.manageUrl, base) : null;
    if (href) {
      const link = element('a', { href, target: '_blank', rel: 'noopener' }, texts.manage);
      confirmation.append(element('br', {}), link);
    }
    // Once booked, no other time can be picked here: the manage link moves or cancels it.
    for (const button of log.querySelectorAll<HTMLButtonElement>('.slots button')) button.disabled = true;
    // Its days wrap instead of scrolling: a row that scrolls must hold something a keyboard can reach.
    for (const picker of log.querySelectorAll('.slots')) picker.classList.add('done');
  };
  let openForm: HTMLElement | undefined;

  const bookingForm = (slot: Slot, label: string, rep: string) => {
    openForm?.remove();
    const li = item('booking');
    openForm = li;
    const booking = element('form', { className: 'book' });
    const name = element('input', {
      id: 'baton-name',
      className: 'input',
      type: 'text',
      autocomplete: 'name',
      required: 'required',
      maxLength: 200,
    });
    const email = element('input', {
      id: 'baton-email',
      className: 'input',
      type: 'email',
      autocomplete: 'email',
      required: 'required',
      maxLength: 320,
    });
    // What the visitor already told the chat is not asked again.
    if (givenEmail) email.value = givenEmail;
    // A honeypot: hidden from people and from assistive technology, filled only by bots that fill every
    // field; the server then answers as if booked and keeps nothing.
    const website = element('input', {
      name: 'website',
      type: 'text',
      tabIndex: -1,
      autocomplete: 'off',
      'aria-hidden': 'true',
    });
    website.hidden = true;
    const submit = element('button', { className: 'send', type: 'submit' }, texts.book);
    booking.append(
      element('p', {}, label),
      element('label', { htmlFor: 'baton-name', className: 'visible' }, texts.name),
      name,
      element('label', { htmlFor: 'baton-email', className: 'visible' }, texts.email),
      email,
      website,
      submit,
    );
    li.append(booking);
    name.focus();
    let submitting = false;
    booking.addEventListener('submit', async (event) => {
      event.preventDefault();
      // A double click books once: the second submit finds the first under way.
      if (submitting) return;
      submitting = true;
      submit.disabled = true;
      const result = await api<{ meeting: { start: string; repName: string }; manageUrl: string }>(
        `/v1/conversations/${conversationId}/meetings`,
        {
          method: 'POST',
          body: {
            start: slot.start,
            repId: slot.repId,
            name: name.value.trim(),
            email: email.value.trim(),
            timeZone: timeZone(),
            ...(website.value ? { website: website.value } : {}),
          },
        },
      );
      li.remove();
      if (result.status === 409) {
        item('bot', texts.taken);
        return void showSlots(item('picker'));
      }
      if (result.status !== 201) {
        status.textContent = texts.failed;
        return;
      }
      const done: Booked = {
        conversationId: conversationId ?? '',
        text: texts.booked
          .replace('{when}', when(result.body.meeting.start))
          .replace('{rep}', result.body.meeting.repName || rep),
        manageUrl: result.body.manageUrl,
      };
      // A reload shows the confirmation again instead of offering times.
      localStorage.setItem(bookingKey(siteKey), JSON.stringify(done));
      showConfirmation(done);
    });
  };

  let stopLive: (() => void) | undefined;
  /** The visitor asked to talk now: listen for the rep until the live chat is over. */
  const goLive = () => {
    if (!conversationId) return;
    stopLive?.();
    stopLive = startLive({
      base,
      api: client,
      conversationId,
      language,
      lastSeq: () => Math.max(-1, ...[...shown].map((id) => Number.parseInt(id, 10)).filter(Number.isFinite)),
      show: (messages) => render(messages as Message[], true),
      composer: form,
      input,
    });
  };

  const render = (messages: Message[], live: boolean) => {
    for (const message of messages) {
      if (shown.has(message.id)) continue;
      shown.add(message.id);
      if (message.role === 'rep') {
        const li = item('from-rep');
        li.append(element('span', { className: 'who' }, message.from ?? ''), document.createTextNode(message.text));
      } else if (message.text) item(message.role, message.text);
      if (message.role === 'visitor' && EMAIL.test(message.text.trim())) givenEmail = message.text.trim();
      const attachment = message.attachment;
      if (attachment?.type === 'rep') {
        const card = item('rep');
        const photo = attachment.photoUrl ? safeUrl(attachment.photoUrl, base) : null;
        if (photo) card.append(element('img', { src: photo, alt: '', width: 40, height: 40 }));
        card.append(element('strong', {}, attachment.name));
        if (attachment.title) card.append(element('span', {}, attachment.title));
      } else if (attachment?.type === 'offer') {
        const href = safeUrl(attachment.url, base);
        const li = item('bot');
        if (href) li.append(element('a', { href, target: '_blank', rel: 'noopener' }, attachment.title));
        else li.textContent = attachment.title;
      } else if (attachment?.type === 'slots' && live) void showSlots(item('picker'));
      else if (attachment?.type === 'live-chat' && live) goLive();
    }
    const last = messages.at(-1);
    choices?.remove();
    choices = undefined;
    if (last?.options && live) showOptions(last.options);
  };

  /** Sends one turn and shows its answer where the waiting message was; a failed one goes back to the input. */
  const sendText = async (text: string, pending: HTMLElement) => {
    try {
      if (!conversationId) throw new Error('no conversation');
      const result = await api<{ messages: Message[] }>(`/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        body: { clientMessageId: crypto.randomUUID(), text },
      });
      if (result.status !== 201 && result.status !== 200) throw new Error(String(result.status));
      pending.remove();
      render(result.body.messages, true);
    } catch {
      pending.remove();
      status.textContent = texts.failed;
      if (!input.value) input.value = text;
    }
  };

  const begin = async (consent?: { version: string }) => {
    // The visitor is the token's: the page view's, or a new one this start returns.
    await visitorId;
    const created = await api<{ conversation: Stored & { id: string }; messages: Message[] }>('/v1/conversations', {
      method: 'POST',
      body: {
        siteKey,
        language,
        context: { url: location.href, returning: readStored(siteKey) !== null },
        ...(consent ? { consent } : {}),
      },
    });
    if (created.status !== 201) throw new Error(`start failed with ${created.status}`);
    conversationId = created.body.conversation.id;
    localStorage.setItem(
      storageKey(siteKey),
      JSON.stringify({ conversationId, visitorId: created.body.conversation.visitorId }),
    );
    render(created.body.messages, true);
  };

  /** The site's name, colour, greeting and avatar replace "Chat" in the widget's blue. */
  const brand = (config: {
    name: string;
    colour: string | null;
    greeting: string | null;
    avatarUrl: string | null;
  }) => {
    title.textContent = config.name;
    panel.setAttribute('aria-label', config.name);
    if (config.colour) (root.host as HTMLElement).style.setProperty('--baton-accent', config.colour);
    tagline.textContent = config.greeting ?? '';
    const avatar = config.avatarUrl ? safeUrl(config.avatarUrl, base) : null;
    // Beside the name, which says who it is: the picture itself says nothing more to a screen reader.
    if (avatar) header.prepend(element('img', { className: 'avatar', src: avatar, alt: '', width: 36, height: 36 }));
  };
  const start = async () => {
    const config = await api<{
      name: string;
      colour: string | null;
      greeting: string | null;
      avatarUrl: string | null;
      consent: { required: boolean; version: string; text: string } | null;
    }>(`/v1/sites/${encodeURIComponent(siteKey)}/widget-config?language=${encodeURIComponent(language)}`);
    if (config.status === 200) brand(config.body);
    const saved = readStored(siteKey);
    if (saved) {
      const existing = await api<{ messages: Message[] }>(`/v1/conversations/${saved.conversationId}`);
      if (existing.status === 200) {
        conversationId = saved.conversationId;
        const done = booked();
        render(existing.body.messages, done === null);
        if (done) showConfirmation(done);
        return;
      }
    }
    const notice = config.body.consent;
    if (!notice?.required) return begin();
    if (storedChoice(siteKey, notice.version) === 'accepted') return begin({ version: notice.version });
    // The exact notice comes before any recording; the server stores it with its own time of acceptance.
    const li = item('consent', notice.text);
    const accept = element('button', { className: 'send', type: 'button' }, texts.accept);
    const refuse = element('button', { className: 'refuse', type: 'button' }, texts.refuse);
    li.append(element('br', {}), accept, refuse);
    accept.focus();
    const choice = await new Promise<'accepted' | 'refused'>((resolve) => {
      accept.addEventListener('click', () => resolve('accepted'), { once: true });
      refuse.addEventListener('click', () => resolve('refused'), { once: true });
    });
    li.remove();
    if (choice === 'refused') {
      gate.decide('refused');
      item('consent', texts.refused);
      return;
    }
    await begin({ version: notice.version });
    // The held page views leave now, with the token the start gave this visitor.
    gate.decide('accepted');
  };

  const ready = start().catch(() => {
    status.textContent = texts.failed;
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    input.focus();
    void say(text);
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
    return value && typeof value.conversationId === 'string' && typeof value.visitorId === 'string'
      ? (value as Stored)
      : null;
  } catch {
    return null;
  }
}
