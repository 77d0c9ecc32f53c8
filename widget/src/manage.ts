import { textsFor } from './texts.js';

/** What this page reads of the meeting endpoints' answers (problem+json on failure). */
interface ApiBody {
  detail?: string;
  repName?: string;
  start?: string;
  status?: string;
  slots?: Array<{ start: string }>;
}

const MANAGE = {
  en: {
    heading: 'Your meeting',
    cancel: 'Cancel the meeting',
    canceled: 'The meeting is canceled. A cancellation is on its way to your calendar.',
    move: 'Move it to another time',
    moved: 'Moved. An updated invitation is on its way.',
  },
  es: {
    heading: 'Tu reunión',
    cancel: 'Cancelar la reunión',
    canceled: 'La reunión está cancelada.',
    move: 'Cambiarla a otro horario',
    moved: 'Cambiada. Te llega una invitación actualizada.',
  },
  pt: {
    heading: 'Sua reunião',
    cancel: 'Cancelar a reunião',
    canceled: 'A reunião foi cancelada.',
    move: 'Mudar para outro horário',
    moved: 'Remarcada. Um convite atualizado está a caminho.',
  },
};

/**
 * The page behind the manage link in the invitation: shows the meeting, offers other open times and
 * cancellation. Everything is set as text; the token never leaves this page except to Baton's API.
 */
(() => {
  const main = document.querySelector('main');
  const meetingId = location.pathname.split('/').pop() ?? '';
  const token = new URLSearchParams(location.search).get('token') ?? '';
  if (!main) return;
  const language = navigator.language || 'en';
  const texts = {
    ...textsFor(language),
    ...(MANAGE[(language.split('-')[0] ?? 'en') as keyof typeof MANAGE] ?? MANAGE.en),
  };
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(
      path,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
    );
    return { status: response.status, body: (await response.json()) as ApiBody };
  };
  const status = el('p');
  status.setAttribute('role', 'status');

  const show = async () => {
    main.replaceChildren(el('h1', texts.heading), status);
    const meeting = await api(`/v1/meetings/${meetingId}?token=${encodeURIComponent(token)}`);
    if (meeting.status !== 200) {
      status.textContent = meeting.body.detail ?? texts.failed;
      return;
    }
    if (meeting.body.status === 'canceled') {
      status.textContent = texts.canceled;
      return;
    }
    main.append(el('p', `${when(meeting.body.start ?? '')} · ${meeting.body.repName}`));
    const cancel = el('button', texts.cancel);
    cancel.type = 'button';
    cancel.addEventListener('click', async () => {
      const result = await api(`/v1/meetings/${meetingId}/cancel`, { token });
      status.textContent = result.status === 200 ? texts.canceled : (result.body.detail ?? texts.failed);
      if (result.status === 200) {
        for (const button of main.querySelectorAll('button')) button.remove();
      }
    });
    main.append(cancel, el('h2', texts.move));
    const slots = await api(
      `/v1/meetings/${meetingId}/slots?token=${encodeURIComponent(token)}&timeZone=${encodeURIComponent(timeZone)}`,
    );
    const list = el('div');
    list.setAttribute('role', 'group');
    list.setAttribute('aria-label', texts.times);
    for (const slot of (slots.body.slots ?? []).slice(0, 12) as Array<{ start: string }>) {
      const button = el('button', when(slot.start));
      button.type = 'button';
      button.addEventListener('click', async () => {
        const result = await api(`/v1/meetings/${meetingId}/reschedule`, { token, start: slot.start });
        if (result.status === 200) await show();
        status.textContent = result.status === 200 ? texts.moved : (result.body.detail ?? texts.failed);
      });
      list.append(button);
    }
    main.append(list);
  };
  void show();
})();
