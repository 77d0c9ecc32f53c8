import { dayPicker } from './day-picker.js';
import { element } from './dom.js';
import { manageCss, pickerCss } from './styles.js';
import { languageOf, textsFor } from './texts.js';

/** What this page reads of the meeting endpoints' answers (problem+json on failure). */
interface ApiBody {
  detail?: string;
  repName?: string;
  start?: string;
  end?: string;
  status?: string;
  meeting?: { start: string; repName: string };
  slots?: Array<{ start: string; localStart: string }>;
  host?: { name: string; colour: string | null; avatarUrl: string | null };
}

/**
 * The page behind the manage link in every mail: the meeting, a move to any open day of the booking
 * window, cancellation after a confirmation (with an optional reason), and after a cancellation a
 * way to book a new time. Everything is set as text; the token never leaves this page except to Baton's API.
 */
(() => {
  const main = document.querySelector('main');
  const meetingId = location.pathname.split('/').pop() ?? '';
  const token = new URLSearchParams(location.search).get('token') ?? '';
  if (!main) return;
  const language = navigator.language || 'en';
  const texts = textsFor(language);
  document.documentElement.lang = languageOf(language);
  document.title = texts.heading;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(manageCss + pickerCss);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(
      path,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
    );
    return { status: response.status, body: (await response.json()) as ApiBody };
  };
  const status = element('p', { className: 'status', role: 'status' });
  const card = element('section', { className: 'card' });
  main.className = 'manage';

  /** The open times as days and times; a pick moves the meeting (or books it again once canceled). */
  const times = async (heading: string, done: string, durationMinutes: number) => {
    const section = element('section', { className: 'move' });
    section.append(element('h2', {}, heading));
    card.append(section);
    const slots = await api(
      `/v1/meetings/${meetingId}/slots?token=${encodeURIComponent(token)}&timeZone=${encodeURIComponent(timeZone)}`,
    );
    if (slots.status !== 200 || !slots.body.slots?.length) {
      section.append(element('p', {}, slots.status === 200 ? texts.noTimes : texts.failed));
      return;
    }
    section.append(
      dayPicker(slots.body.slots, {
        language,
        timeZone,
        durationMinutes,
        texts,
        onPick: async (slot) => {
          for (const button of section.querySelectorAll('button')) button.disabled = true;
          const result = await api(`/v1/meetings/${meetingId}/reschedule`, { token, start: slot.start });
          if (result.status === 200) await show();
          // The server's problem details are in English: the visitor reads the page's own words.
          status.textContent = result.status === 200 ? done : result.status === 409 ? texts.takenHere : texts.failed;
          if (result.status !== 200) for (const button of section.querySelectorAll('button')) button.disabled = false;
        },
      }),
    );
  };

  const confirmCancel = (repName: string, opener: HTMLButtonElement) => {
    opener.hidden = true;
    const form = element('form', { className: 'confirm' });
    const reason = element('textarea', { id: 'baton-reason', maxLength: 500, rows: 3 });
    const yes = element('button', { className: 'danger', type: 'submit' }, texts.confirmCancel);
    const keep = element('button', { className: 'secondary', type: 'button' }, texts.keep);
    form.append(
      element('p', {}, texts.cancelAsk.replace('{rep}', repName)),
      element('label', { htmlFor: 'baton-reason' }, texts.reason),
      reason,
      element('div', { className: 'actions' }, ''),
    );
    form.lastElementChild!.append(yes, keep);
    opener.after(form);
    reason.focus();
    keep.addEventListener('click', () => {
      form.remove();
      opener.hidden = false;
      opener.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      yes.disabled = true;
      const text = reason.value.trim();
      const result = await api(`/v1/meetings/${meetingId}/cancel`, { token, ...(text ? { reason: text } : {}) });
      if (result.status !== 200) {
        yes.disabled = false;
        status.textContent = texts.failed;
        return;
      }
      await show();
      status.textContent = texts.canceled;
    });
  };

  const banner = element('div', { className: 'host' });
  /** The company the visitor meets, in its colour, as in the chat and the mails. */
  const brand = (host: NonNullable<ApiBody['host']>) => {
    if (host.colour) document.documentElement.style.setProperty('--baton-accent', host.colour);
    document.title = `${texts.heading} · ${host.name}`;
    const avatar = host.avatarUrl ? new URL(host.avatarUrl, location.href) : null;
    banner.replaceChildren(
      ...(avatar && /^https?:$/.test(avatar.protocol)
        ? [element('img', { src: avatar.href, alt: '', width: 32, height: 32 })]
        : []),
      element('span', {}, host.name),
    );
  };

  const show = async () => {
    card.replaceChildren(banner, element('h1', {}, texts.heading), status);
    main.replaceChildren(card);
    const meeting = await api(`/v1/meetings/${meetingId}?token=${encodeURIComponent(token)}`);
    if (meeting.status !== 200) {
      banner.remove();
      status.textContent = meeting.status === 403 ? texts.linkInvalid : texts.failed;
      return;
    }
    if (meeting.body.host) brand(meeting.body.host);
    const repName = meeting.body.repName ?? '';
    const minutes = (Date.parse(meeting.body.end ?? '') - Date.parse(meeting.body.start ?? '')) / 60_000;
    const summary = element('p', { className: 'when' });
    summary.append(
      element('strong', {}, when(meeting.body.start ?? '')),
      element('span', {}, texts.withRep.replace('{rep}', repName)),
    );
    if (meeting.body.status === 'canceled') {
      summary.className = 'when canceled';
      card.append(summary);
      status.textContent = texts.canceled;
      // A canceled meeting is not the end: the same link books a new time with the same person or team.
      return times(texts.bookAgain, texts.rebooked, minutes);
    }
    const cancel = element('button', { className: 'secondary', type: 'button' }, texts.cancel);
    cancel.addEventListener('click', () => confirmCancel(repName, cancel));
    card.append(summary, cancel);
    return times(texts.move, texts.moved, minutes);
  };
  void show();
})();
