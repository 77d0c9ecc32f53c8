import { useState } from 'preact/hooks';
import { api, type ApiError, sitePath } from '../api.js';
import { hashQuery, navigate } from '../router.js';
import { hasRole, isOnlyRep, session, siteKey } from '../session.js';
import { Async, asApiError, ErrorNotice, formatTime, PageTitle, useResource } from '../ui.js';
import { listReps } from './reps.js';

export interface LeadView {
  visitorId: string;
  stage: string;
  ownerRepId: string | null;
  queue: string | null;
  assignedAt: string | null;
  source: string | null;
  ruleId: string | null;
  rulebookVersion: number | null;
  conversationId: string | null;
  createdAt: string;
  mqlAt: string | null;
  firstTouchAt: string | null;
  attempts: number;
  rejection: { reasonId: string; action: string; note: string | null; at: string } | null;
  history: Array<{ from: string; to: string; at: string; why: string }>;
  activities: Array<{ kind: string; at: string; attempt: boolean; note: string | null }>;
  contact: { name: string | null; email: string | null; company: string | null } | null;
  score: number | null;
}

/** The seed's reasons (the rulebook's hand-off policy may rename them; the API names the valid ones on refusal). */
const REASONS: Array<[string, string]> = [
  ['wrong-data', 'Wrong or incomplete data'],
  ['not-icp', 'Not our ideal customer'],
  ['bad-timing', 'Bad timing'],
  ['already-customer', 'Already a customer'],
  ['competitor', 'Works for a competitor'],
];
const FIRST_TOUCH_HOURS = 24;
const STAGES = ['mql', 'sal', 'sql', 'opportunity', 'won', 'lost', 'recycled', 'disqualified'];

export async function listAllLeads(site: string, query: Record<string, string | undefined>, pages = 10) {
  const leads: LeadView[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const params = new URLSearchParams({ limit: '100' });
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (cursor) params.set('cursor', cursor);
    const body: { leads: LeadView[]; nextCursor: string | null } = await api(sitePath(site, `/leads?${params}`));
    leads.push(...body.leads);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return leads;
}

/** Where a lead stands against the first-touch promise. */
export function slaState(lead: LeadView, now = Date.now()): { label: string; tone: 'ok' | 'warn' | 'bad' | 'muted' } {
  if (!lead.assignedAt || !['mql', 'sal'].includes(lead.stage)) return { label: 'no clock', tone: 'muted' };
  const due = Date.parse(lead.assignedAt) + FIRST_TOUCH_HOURS * 3600_000;
  if (lead.firstTouchAt)
    return Date.parse(lead.firstTouchAt) <= due
      ? { label: 'touched in time', tone: 'ok' }
      : { label: 'touched late', tone: 'warn' };
  const hours = Math.round((due - now) / 3600_000);
  return hours >= 0
    ? { label: `first touch due in ${hours} h`, tone: hours < 4 ? 'warn' : 'ok' }
    : { label: `breached ${-hours} h ago`, tone: 'bad' };
}

export function LeadsPage() {
  const site = siteKey.value;
  const onlyRep = isOnlyRep.value;
  const [stage, setStage] = useState('');
  const [owner, setOwner] = useState('');
  const selected = hashQuery().get('lead');
  const data = useResource(async () => {
    const [leads, reps] = await Promise.all([
      listAllLeads(site, { stage: stage || undefined, owner: onlyRep ? undefined : owner || undefined }, 3),
      onlyRep ? Promise.resolve([]) : listReps(site),
    ]);
    return { leads, reps };
  }, [site, stage, owner]);
  const me = session.value?.user;
  return (
    <>
      <PageTitle title={onlyRep ? 'My leads' : 'Leads and team queues'} />
      <div class="filters">
        <label>
          Stage
          <select value={stage} onChange={(e) => setStage((e.target as HTMLSelectElement).value)}>
            <option value="">any</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {s.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        {!onlyRep ? (
          <label>
            Rep
            <select value={owner} onChange={(e) => setOwner((e.target as HTMLSelectElement).value)}>
              <option value="">the whole team</option>
              {(data.data?.reps ?? []).map((rep) => (
                <option key={rep.repId} value={rep.repId}>
                  {rep.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p class="hint">Leads routed to you{me?.repId ? ` (${me.repId})` : ''}.</p>
        )}
      </div>
      <Async
        resource={data}
        what="leads"
        isEmpty={(d) => d.leads.length === 0 && !selected}
        empty={<p>No leads here yet. Leads appear when routing hands a qualified visitor to a rep or a queue.</p>}
      >
        {({ leads }) => {
          const current = leads.find((lead) => lead.visitorId === selected);
          return (
            <div class="list-detail">
              <ul class="list card" aria-label="Leads">
                {leads.map((lead) => {
                  const sla = slaState(lead);
                  return (
                    <li key={lead.visitorId}>
                      <button
                        type="button"
                        aria-pressed={lead.visitorId === selected}
                        onClick={() => navigate(`/leads?lead=${lead.visitorId}`)}
                      >
                        <strong>
                          {lead.contact?.name ?? lead.contact?.email ?? `Visitor …${lead.visitorId.slice(-6)}`}
                        </strong>
                        {lead.contact?.company ? ` · ${lead.contact.company}` : ''}
                        <br />
                        <span class="badge muted">{lead.stage.toUpperCase()}</span>{' '}
                        <span class={`badge ${sla.tone}`}>{sla.label}</span>{' '}
                        <span class="hint">{lead.ownerRepId ?? `queue ${lead.queue ?? '—'}`}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              <div>
                {current ? (
                  <LeadDetail
                    key={`${current.visitorId}-${current.stage}-${current.attempts}`}
                    lead={current}
                    onChanged={data.reload}
                  />
                ) : selected ? (
                  <div class="notice error" role="alert">
                    <p>
                      <strong>This lead is not in your list.</strong> It does not exist, or it is another rep's lead.
                    </p>
                  </div>
                ) : (
                  <p class="empty">Pick a lead to see its story and act on it.</p>
                )}
              </div>
            </div>
          );
        }}
      </Async>
    </>
  );
}

function LeadDetail({ lead, onChanged }: { lead: LeadView; onChanged(): void }) {
  const site = siteKey.value;
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState(REASONS[0]![0]);
  const [note, setNote] = useState('');
  const [recontact, setRecontact] = useState('');
  const [attemptKind, setAttemptKind] = useState('call');
  const [attemptNote, setAttemptNote] = useState('');
  const [bant, setBant] = useState({ budget: '', authority: '', need: '', timeline: '' });
  const mayAct = hasRole('sales', 'rep');
  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api(sitePath(site, `/leads/${lead.visitorId}${path}`), { method: 'POST', ...(body ? { body } : {}) });
      onChanged();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const sla = slaState(lead);
  const open = ['mql', 'sal'].includes(lead.stage);
  return (
    <section class="card" aria-labelledby="lead-heading">
      <h2 id="lead-heading">{lead.contact?.name ?? lead.contact?.email ?? `Visitor …${lead.visitorId.slice(-6)}`}</h2>
      <dl class="facts">
        <dt>Stage</dt>
        <dd>{lead.stage.toUpperCase()}</dd>
        <dt>Contact</dt>
        <dd>{[lead.contact?.email, lead.contact?.company].filter(Boolean).join(' · ') || 'unknown'}</dd>
        <dt>Score</dt>
        <dd>{lead.score ?? '—'}</dd>
        <dt>Owner</dt>
        <dd>{lead.ownerRepId ?? `waiting in queue ${lead.queue ?? '—'}`}</dd>
        <dt>SLA</dt>
        <dd>
          <span class={`badge ${sla.tone}`}>{sla.label}</span> · {lead.attempts} follow-up attempt(s)
        </dd>
        <dt>Source</dt>
        <dd>{lead.source ?? 'direct'}</dd>
        <dt>Why routed</dt>
        <dd>
          {lead.ruleId ? `rule ${lead.ruleId}` : 'no rule'}
          {lead.rulebookVersion ? ` of rulebook version ${lead.rulebookVersion}` : ''}
          {lead.conversationId ? ` · conversation …${lead.conversationId.slice(-6)}` : ''}
        </dd>
        {lead.rejection ? (
          <>
            <dt>Rejected</dt>
            <dd>
              {lead.rejection.reasonId} → {lead.rejection.action}
              {lead.rejection.note ? `: “${lead.rejection.note}”` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {error ? <ErrorNotice error={error} /> : null}
      {mayAct && lead.stage === 'mql' ? (
        <div class="row actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void act('/accept')}>
            Accept lead
          </button>
        </div>
      ) : null}
      {mayAct && open ? (
        <>
          <form
            class="inline-form"
            aria-label="Log a follow-up attempt"
            onSubmit={(event) => {
              event.preventDefault();
              void act('/activities', { kind: attemptKind, ...(attemptNote ? { note: attemptNote } : {}) });
            }}
          >
            <label>
              Attempt
              <select value={attemptKind} onChange={(e) => setAttemptKind((e.target as HTMLSelectElement).value)}>
                <option value="call">call</option>
                <option value="email">email</option>
                <option value="message">message</option>
                <option value="meeting">meeting</option>
                <option value="note">note (not an attempt)</option>
              </select>
            </label>
            <label class="grow">
              What happened
              <input
                value={attemptNote}
                maxLength={2000}
                onInput={(e) => setAttemptNote((e.target as HTMLInputElement).value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              Log it
            </button>
          </form>
          <form
            class="inline-form"
            aria-label="Reject the lead"
            onSubmit={(event) => {
              event.preventDefault();
              void act('/reject', {
                reason,
                ...(note ? { note } : {}),
                ...(recontact ? { recontactAt: new Date(recontact).toISOString() } : {}),
              });
            }}
          >
            <label>
              Reason
              <select value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
                {REASONS.map(([id, label]) => (
                  <option key={id} value={id}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label class="grow">
              Note for marketing
              <input value={note} maxLength={2000} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
            </label>
            {reason === 'bad-timing' ? (
              <label>
                Recontact on
                <input
                  type="date"
                  required
                  value={recontact}
                  onInput={(e) => setRecontact((e.target as HTMLInputElement).value)}
                />
              </label>
            ) : null}
            <button type="submit" class="danger" disabled={busy}>
              Reject lead
            </button>
          </form>
        </>
      ) : null}
      {mayAct && lead.stage === 'sal' ? (
        <form
          class="inline-form"
          aria-label="Qualify as SQL (BANT)"
          onSubmit={(event) => {
            event.preventDefault();
            void act('/stage', { to: 'sql', why: 'qualified by BANT', qualification: { framework: 'BANT', ...bant } });
          }}
        >
          {(['budget', 'authority', 'need', 'timeline'] as const).map((field) => (
            <label key={field}>
              {field[0]!.toUpperCase() + field.slice(1)}
              <input
                required
                value={bant[field]}
                onInput={(e) => setBant({ ...bant, [field]: (e.target as HTMLInputElement).value })}
              />
            </label>
          ))}
          <button type="submit" disabled={busy}>
            Qualify as SQL
          </button>
        </form>
      ) : null}
      <h3>Story</h3>
      {lead.history.length + lead.activities.length === 0 ? <p class="muted-text">Nothing recorded yet.</p> : null}
      <ol class="history">
        {[
          ...lead.history.map((move) => ({ at: move.at, text: `${move.from} → ${move.to}: ${move.why}` })),
          ...lead.activities.map((activity) => ({
            at: activity.at,
            text: `${activity.kind}${activity.attempt ? ' (attempt)' : ''}${activity.note ? `: ${activity.note}` : ''}`,
          })),
        ]
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((entry, index) => (
            <li key={index}>
              {formatTime(entry.at)} — {entry.text}
            </li>
          ))}
      </ol>
    </section>
  );
}
