import type { WidgetApi } from './api.js';
/**
 * The live part of the chat: once the playbook offers to talk now, the visitor hears about the offer,
 * the rep joining and the rep's messages over the WebSocket, or by polling while it is down. Every
 * read names the newest turn the visitor has, so a dropped connection resumes after it; the chat
 * drops messages it already shows, so nothing is lost or shown twice.
 */

export interface LiveMessage {
  id: string;
  role: 'visitor' | 'bot' | 'rep';
  from?: string;
  text: string;
}
interface LiveTurn {
  seq: number;
  messages: LiveMessage[];
}
type Status = 'offered' | 'waiting' | 'live' | 'ended' | 'unavailable' | 'none';
interface LiveView {
  status: Status;
  repName: string | null;
  turns: LiveTurn[];
  lastSeq: number;
  typing: { visitor: boolean; rep: boolean };
}
type Push =
  | { type: 'turns'; turns: LiveTurn[] }
  | { type: 'typing'; who: 'visitor' | 'rep' }
  | { type: 'subscribed' }
  | { type: 'error'; detail: string };

export interface LiveOptions {
  base: string;
  /** The widget's API client: the visitor's token goes with every call about their conversation. */
  api: WidgetApi;
  conversationId: string;
  language: string;
  /** The newest turn number the chat shows. */
  lastSeq: () => number;
  /** Shows messages; those with an id already shown are left out by the chat. */
  show: (messages: LiveMessage[]) => void;
  /** The composer: its note goes above it, and typing in it tells the rep. */
  composer: HTMLFormElement;
  input: HTMLInputElement;
}

const POLL_MS = 3000;
const TYPING_SHOWN_MS = 5000;
const TYPING_SENT_EVERY_MS = 2500;
const RECONNECT_MAX_MS = 15_000;

const TEXTS = {
  en: {
    waiting: 'Finding someone for you. You can keep typing here; if nobody can join, you will be offered times.',
    live: 'You are chatting live with {rep}.',
    typing: '{rep} is typing…',
    someone: 'Someone',
    reconnecting: 'Connection lost. Reconnecting; your messages are kept.',
  },
  es: {
    waiting: 'Buscando a alguien para ti. Puedes seguir escribiendo; si nadie puede, te ofreceremos horarios.',
    live: 'Estás chateando en directo con {rep}.',
    typing: '{rep} está escribiendo…',
    someone: 'Alguien',
    reconnecting: 'Se perdió la conexión. Reconectando; tus mensajes se conservan.',
  },
  pt: {
    waiting: 'Procurando alguém para você. Pode continuar escrevendo; se ninguém puder, oferecemos horários.',
    live: 'Você está conversando ao vivo com {rep}.',
    typing: '{rep} está digitando…',
    someone: 'Alguém',
    reconnecting: 'Conexão perdida. Reconectando; suas mensagens são mantidas.',
  },
  de: {
    waiting:
      'Wir suchen jemanden für Sie. Schreiben Sie ruhig weiter; kann niemand übernehmen, bieten wir Ihnen Termine an.',
    live: 'Sie chatten live mit {rep}.',
    typing: '{rep} schreibt…',
    someone: 'Jemand',
    reconnecting: 'Verbindung verloren. Wir verbinden neu; Ihre Nachrichten bleiben erhalten.',
  },
} as const;

const liveCss = `
.live-note { margin: 0 12px 4px; padding: 6px 10px; border-radius: 8px; background: #fff8e1; color: #1d2433; font-size: 13px; }
.live-note[hidden] { display: none; }
.live-note.live { background: #e6f4ea; }
.live-typing { min-height: 1.2em; margin: 0 12px; font-size: 13px; color: #4a5468; font-style: italic; }
.message.from-rep { align-self: flex-start; background: #e6f4ea; }
.from-rep .who { display: block; font-size: 12px; font-weight: 600; color: #1e5631; }
`;

let sheet: CSSStyleSheet | undefined;
const liveSheet = () => {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(liveCss);
  }
  return sheet;
};

const open = (status: Status) => status === 'offered' || status === 'waiting' || status === 'live';

/** Starts listening; returns a function that stops it. */
export function startLive(options: LiveOptions): () => void {
  const { base, api, conversationId, composer, input } = options;
  const base2 = options.language.toLowerCase().split('-')[0] as keyof typeof TEXTS;
  const texts = TEXTS[base2] ?? TEXTS.en;
  const root = composer.getRootNode() as ShadowRoot;
  const styles = liveSheet();
  if (!root.adoptedStyleSheets.includes(styles)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];

  const note = document.createElement('p');
  note.className = 'live-note';
  note.setAttribute('role', 'status');
  note.hidden = true;
  const typingLine = document.createElement('p');
  typingLine.className = 'live-typing';
  typingLine.setAttribute('aria-live', 'polite');
  composer.before(note, typingLine);

  let seen = options.lastSeq();
  let status: Status = 'waiting';
  let repName: string | null = null;
  let socket: WebSocket | null = null;
  let stopped = false;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectMs = 1000;
  let lastTypingSent = 0;

  const showTurns = (turns: LiveTurn[]) => {
    const fresh = turns.filter((turn) => turn.seq > seen).sort((a, b) => a.seq - b.seq);
    if (fresh.length === 0) return;
    seen = Math.max(seen, ...fresh.map((turn) => turn.seq));
    if (fresh.some((turn) => turn.messages.some((message) => message.role === 'rep'))) showTyping(false);
    options.show(fresh.flatMap((turn) => turn.messages));
  };
  const showTyping = (typing: boolean) => {
    clearTimeout(typingTimer);
    typingLine.textContent = typing ? texts.typing.replace('{rep}', repName ?? texts.someone) : '';
    if (typing) typingTimer = setTimeout(() => showTyping(false), TYPING_SHOWN_MS);
  };
  const showStatus = (reconnecting = false) => {
    note.classList.toggle('live', status === 'live' && !reconnecting);
    note.hidden = !reconnecting && !open(status);
    note.textContent = reconnecting
      ? texts.reconnecting
      : status === 'live'
        ? texts.live.replace('{rep}', repName ?? texts.someone)
        : texts.waiting;
  };

  /** Reads what the visitor is missing and where the chat stands: the fallback and the check after every push. */
  let reading: Promise<void> | null = null;
  const read = (): Promise<void> =>
    (reading ??= (async () => {
      try {
        const response = await api.call<LiveView>(`/v1/conversations/${conversationId}/live?after=${seen}`);
        if (response.status !== 200) return;
        const view = response.body;
        status = view.status;
        repName = view.repName ?? repName;
        showTurns(view.turns);
        if (view.typing.rep) showTyping(true);
        showStatus(socket?.readyState !== WebSocket.OPEN && open(status) && socket !== null);
        if (!open(status)) stop();
      } catch {
        // Offline for a moment: the next poll or the socket catches up from the same turn.
      } finally {
        reading = null;
      }
    })());

  const poll = () => {
    clearTimeout(pollTimer);
    if (stopped || socket?.readyState === WebSocket.OPEN) return;
    pollTimer = setTimeout(() => void read().then(poll), POLL_MS);
  };

  const connect = () => {
    if (stopped || typeof WebSocket === 'undefined') return poll();
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/v1/live`);
    socket = ws;
    ws.addEventListener('open', () => {
      reconnectMs = 1000;
      clearTimeout(pollTimer);
      // Subscribe first, then read: a turn stored in between arrives by push, by the read, or both, and shows once.
      ws.send(JSON.stringify({ type: 'subscribe', conversationId, after: seen, visitorToken: api.visitorToken() }));
    });
    ws.addEventListener('message', (event) => {
      let push: Push;
      try {
        push = JSON.parse(String(event.data)) as Push;
      } catch {
        return;
      }
      if (push.type === 'subscribed') void read();
      else if (push.type === 'turns') {
        showTurns(push.turns);
        // A push says something changed; the read brings the status (joined, ended) with it.
        void read();
      } else if (push.type === 'typing' && push.who === 'rep') showTyping(true);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws || stopped) return;
      showStatus(true);
      poll();
      reconnectTimer = setTimeout(connect, reconnectMs);
      reconnectMs = Math.min(reconnectMs * 2, RECONNECT_MAX_MS);
    });
  };

  const onInput = () => {
    const now = Date.now();
    if (now - lastTypingSent < TYPING_SENT_EVERY_MS || status !== 'live') return;
    lastTypingSent = now;
    if (socket?.readyState === WebSocket.OPEN)
      socket.send(JSON.stringify({ type: 'typing', conversationId, visitorToken: api.visitorToken() }));
    else void api.call(`/v1/conversations/${conversationId}/typing`, { method: 'POST' }).catch(() => undefined);
  };
  input.addEventListener('input', onInput);

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(pollTimer);
    clearTimeout(reconnectTimer);
    input.removeEventListener('input', onInput);
    const ws = socket;
    socket = null;
    ws?.close();
    clearTimeout(typingTimer);
    note.remove();
    typingLine.remove();
  };

  showStatus();
  void read().then(() => {
    if (!stopped) connect();
  });
  return stop;
}
