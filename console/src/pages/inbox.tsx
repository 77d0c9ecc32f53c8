import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiError, sitePath } from '../api.js';
import { hashQuery, navigate } from '../router.js';
import { session, siteKey } from '../session.js';
import { Async, asApiError, ErrorNotice, formatTime, PageTitle, useResource } from '../ui.js';
import type { ChatView, InboxItem, InboxView, RepPresence } from '../wire.js';
import { listReps } from './reps.js';

type Push =
  | { type: 'inbox' }
  | { type: 'turns'; conversationId: string }
  | { type: 'typing'; conversationId: string; who: 'visitor' | 'rep' }
  | { type: 'subscribed' }
  | { type: 'error' };

const POLL_MS = 4000;
const TYPING_SHOWN_MS = 5000;
const REASONS: Record<string, string> = {
  available: 'available',
  inactive: 'your rep profile is inactive',
  'set-away': 'you are set to away',
  'out-of-office': 'you are out of office',
  'outside-working-hours': 'it is outside your working hours',
  'in-a-meeting': 'you are in a meeting',
};

const leadName = (item: InboxItem) => item.lead.name ?? item.lead.email ?? `Visitor …${item.lead.visitorId.slice(-6)}`;

/**
 * One WebSocket for the page: the rep's inbox and the open chat push over it; while it is down the
 * page polls. `onPush` sees every message; returns whether the socket is open now.
 */
function useLiveSocket(site: string, chatId: string | null, onPush: (push: Push) => void): boolean {
  const [open, setOpen] = useState(false);
  const socket = useRef<WebSocket | null>(null);
  const handler = useRef(onPush);
  handler.current = onPush;
  const token = session.value?.token;
  const repId = session.value?.user.repId ?? null;
  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let wait = 1000;
    const connect = () => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/v1/live`);
      socket.current = ws;
      ws.addEventListener('open', () => {
        wait = 1000;
        setOpen(true);
        if (repId && token) ws.send(JSON.stringify({ type: 'subscribe-inbox', siteKey: site, token }));
      });
      ws.addEventListener('message', (event) => {
        try {
          handler.current(JSON.parse(String(event.data)) as Push);
        } catch {
          // Not a message of ours: ignored.
        }
      });
      ws.addEventListener('close', () => {
        setOpen(false);
        if (stopped) return;
        retry = setTimeout(connect, wait);
        wait = Math.min(wait * 2, 15_000);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket.current?.close();
    };
  }, [site, token, repId]);
  useEffect(() => {
    if (open && chatId && token)
      socket.current?.send(JSON.stringify({ type: 'subscribe', conversationId: chatId, after: -1, token }));
  }, [open, chatId, token]);
  return open;
}

export function InboxPage() {
  const site = siteKey.value;
  const me = session.value?.user;
  const ownRep = me?.repId ?? null;
  const [viewedRep, setViewedRep] = useState('');
  const repId = ownRep ?? viewedRep;
  const selected = hashQuery().get('chat');
  const reps = useResource(() => (ownRep ? Promise.resolve([]) : listReps(site)), [site, ownRep]);
  const inbox = useResource(
    () =>
      repId
        ? api<InboxView>(sitePath(site, `/inbox${ownRep ? '' : `?repId=${encodeURIComponent(repId)}`}`))
        : Promise.resolve(null),
    [site, repId],
  );
  const [chatPush, setChatPush] = useState(0);
  const [visitorTyping, setVisitorTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const socketOpen = useLiveSocket(site, selected, (push) => {
    if (push.type === 'inbox') inbox.reload();
    else if (push.type === 'turns' && push.conversationId === selected) {
      setVisitorTyping(false);
      setChatPush((n) => n + 1);
      inbox.reload();
    } else if (push.type === 'typing' && push.who === 'visitor' && push.conversationId === selected) {
      clearTimeout(typingTimer.current);
      setVisitorTyping(true);
      typingTimer.current = setTimeout(() => setVisitorTyping(false), TYPING_SHOWN_MS);
    }
  });
  // Without the socket the page polls: an offer never waits for a push that cannot come.
  useEffect(() => {
    if (socketOpen) return;
    const timer = setInterval(() => {
      inbox.reload();
      setChatPush((n) => n + 1);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [socketOpen, inbox.reload]);

  return (
    <>
      <PageTitle title={ownRep ? 'Live chat inbox' : 'Live chat inboxes'}>
        <span class={`badge ${socketOpen ? 'ok' : 'warn'}`}>{socketOpen ? 'connected' : 'reconnecting…'}</span>
      </PageTitle>
      {!ownRep ? (
        <div class="filters">
          <label>
            Rep
            <select value={viewedRep} onChange={(e) => setViewedRep((e.target as HTMLSelectElement).value)}>
              <option value="">pick a rep</option>
              {(reps.data ?? []).map((rep) => (
                <option key={rep.repId} value={rep.repId}>
                  {rep.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {repId ? (
        <Async resource={inbox} what="the inbox">
          {(data) =>
            data ? (
              <>
                <PresenceCard inbox={data} ownRep={ownRep !== null} onChanged={inbox.reload} />
                <div class="list-detail">
                  <div>
                    <Section title="Offered to you" items={data.offered} selected={selected} empty="No offers now." />
                    <Section title="Live" items={data.live} selected={selected} empty="No live chats." />
                    <Section
                      title="Waiting in line"
                      items={data.waiting}
                      selected={selected}
                      empty="Nobody is waiting."
                    />
                    <Section title="Recent" items={data.recent} selected={selected} empty="No recent chats." />
                  </div>
                  <div>
                    {selected ? (
                      <ChatPanel
                        key={selected}
                        conversationId={selected}
                        item={[...data.offered, ...data.live, ...data.waiting, ...data.recent].find(
                          (item) => item.conversationId === selected,
                        )}
                        mayAct={ownRep !== null}
                        pushed={chatPush}
                        visitorTyping={visitorTyping}
                        onChanged={inbox.reload}
                      />
                    ) : (
                      <p class="empty">Pick a conversation to read it, accept it or answer.</p>
                    )}
                  </div>
                </div>
              </>
            ) : null
          }
        </Async>
      ) : (
        <p class="empty">Pick a rep to see their live chats.</p>
      )}
    </>
  );
}

function PresenceCard({ inbox, ownRep, onChanged }: { inbox: InboxView; ownRep: boolean; onChanged(): void }) {
  const [answer, setAnswer] = useState<RepPresence | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const set = async (setting: 'available' | 'away') => {
    setError(null);
    try {
      setAnswer(
        await api<RepPresence>(sitePath(siteKey.value, `/reps/${inbox.repId}/presence`), {
          method: 'PUT',
          body: { setting },
        }),
      );
      onChanged();
    } catch (failure) {
      setError(asApiError(failure));
    }
  };
  const { setting, available, load } = inbox.presence;
  return (
    <section class="card" aria-labelledby="presence-heading">
      <div class="card-header">
        <h2 id="presence-heading">Presence</h2>
        <span class={`badge ${available ? 'ok' : 'muted'}`}>
          {available ? 'available for live chat' : 'not taking live chats'}
        </span>
      </div>
      <fieldset class="row">
        <legend>{ownRep ? 'I am' : 'This rep is'}</legend>
        {(['available', 'away'] as const).map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="presence"
              value={value}
              checked={setting === value}
              onChange={() => void set(value)}
            />{' '}
            {value === 'available' ? 'Available' : 'Away'}
          </label>
        ))}
        <span class="hint">{load} live chat(s) now</span>
      </fieldset>
      {answer && answer.setting === 'available' && !answer.presence.available ? (
        <p class="hint" role="status">
          You said available, but {REASONS[answer.presence.reason] ?? answer.presence.reason}: no chats are offered
          until that changes.
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

function Section({
  title,
  items,
  selected,
  empty,
}: {
  title: string;
  items: InboxItem[];
  selected: string | null;
  empty: string;
}) {
  const id = `inbox-${title.toLowerCase().replaceAll(' ', '-')}`;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span class="hint">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p class="hint">{empty}</p>
      ) : (
        <ul class="list">
          {items.map((item) => (
            <li key={item.conversationId}>
              <button
                type="button"
                aria-pressed={item.conversationId === selected}
                onClick={() => navigate(`/inbox?chat=${item.conversationId}`)}
              >
                <strong>{leadName(item)}</strong>
                {item.lead.company ? ` · ${item.lead.company}` : ''}
                <br />
                <span class="hint">
                  {item.status === 'offered' && item.offerExpiresAt
                    ? `answer by ${formatTime(item.offerExpiresAt)}`
                    : `asked ${formatTime(item.requestedAt)}`}
                  {item.firstResponseSeconds !== null ? ` · first response ${item.firstResponseSeconds} s` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChatPanel({
  conversationId,
  item,
  mayAct,
  pushed,
  visitorTyping,
  onChanged,
}: {
  conversationId: string;
  item: InboxItem | undefined;
  mayAct: boolean;
  pushed: number;
  visitorTyping: boolean;
  onChanged(): void;
}) {
  const site = siteKey.value;
  const [turns, setTurns] = useState<ChatView['turns']>([]);
  const [status, setStatus] = useState<ChatView['status']>(item?.status ?? 'none');
  const [error, setError] = useState<ApiError | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const lastSeq = useRef(-1);
  const lastTyping = useRef(0);

  // Reads the turns after the newest one shown: a push, a poll and a reconnect all end here, and a turn shows once.
  const read = async () => {
    try {
      const view = await api<ChatView>(sitePath(site, `/live-chats/${conversationId}?after=${lastSeq.current}`));
      const fresh = view.turns.filter((turn) => turn.seq > lastSeq.current);
      if (fresh.length > 0) {
        lastSeq.current = Math.max(...fresh.map((turn) => turn.seq));
        setTurns((before) => [...before, ...fresh]);
      }
      setStatus(view.status);
    } catch (failure) {
      setError(asApiError(failure));
    }
  };
  useEffect(() => {
    void read();
  }, [pushed, item?.status]);

  const act = async (action: 'accept' | 'decline' | 'end') => {
    setBusy(true);
    setError(null);
    try {
      await api(sitePath(site, `/live-chats/${conversationId}/${action}`), { method: 'POST' });
      if (action === 'decline') navigate('/inbox');
      onChanged();
      await read();
    } catch (failure) {
      setError(asApiError(failure));
      onChanged();
    } finally {
      setBusy(false);
    }
  };
  const send = async (event: Event) => {
    event.preventDefault();
    const message = text.trim();
    if (!message) return;
    setBusy(true);
    setError(null);
    try {
      await api(sitePath(site, `/live-chats/${conversationId}/messages`), {
        method: 'POST',
        body: { clientMessageId: crypto.randomUUID(), text: message },
      });
      setText('');
      await read();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const typing = (value: string) => {
    setText(value);
    const now = Date.now();
    if (now - lastTyping.current < 2500) return;
    lastTyping.current = now;
    void api(sitePath(site, `/live-chats/${conversationId}/typing`), { method: 'POST' }).catch(() => undefined);
  };
  const messages = turns.flatMap((turn) => turn.messages).filter((message) => message.text);
  return (
    <section class="card live-chat" aria-labelledby="chat-heading">
      <div class="card-header">
        <h2 id="chat-heading">{item ? leadName(item) : 'Conversation'}</h2>
        <span class={`badge ${status === 'live' ? 'ok' : status === 'offered' ? 'warn' : 'muted'}`}>{status}</span>
      </div>
      {item ? (
        <dl class="facts">
          <dt>Contact</dt>
          <dd>{[item.lead.email, item.lead.company].filter(Boolean).join(' · ') || 'unknown'}</dd>
          <dt>Score · stage</dt>
          <dd>
            {item.lead.score ?? '—'} · {item.lead.stage?.toUpperCase() ?? '—'}
          </dd>
          {Object.entries(item.lead.answers).map(([key, value]) => (
            <Fragment key={key}>
              <dt>{key}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {mayAct && status === 'offered' && item?.status === 'offered' ? (
        <div class="row actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void act('accept')}>
            Accept chat
          </button>
          <button type="button" disabled={busy} onClick={() => void act('decline')}>
            Decline
          </button>
        </div>
      ) : null}
      <div class="live-transcript" role="log" aria-label="Conversation">
        <ol class="transcript">
          {messages.map((message) => (
            <li key={message.id} class={`bubble ${message.role}`}>
              <span class="visually-hidden">
                {message.role === 'visitor' ? 'Visitor' : message.role === 'rep' ? (message.from ?? 'Rep') : 'Bot'}:{' '}
              </span>
              {message.text}
            </li>
          ))}
        </ol>
      </div>
      <p class="hint typing" aria-live="polite">
        {visitorTyping ? 'The visitor is typing…' : ''}
      </p>
      {mayAct && status === 'live' ? (
        <>
          <form class="row" onSubmit={(event) => void send(event)}>
            <label class="grow">
              Message to the visitor
              <input
                type="text"
                maxLength={2000}
                value={text}
                onInput={(event) => typing((event.target as HTMLInputElement).value)}
              />
            </label>
            <button type="submit" class="primary" disabled={busy || !text.trim()}>
              Send
            </button>
          </form>
          <div class="row actions">
            <button type="button" disabled={busy} onClick={() => void act('end')}>
              End chat
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
