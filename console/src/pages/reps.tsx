import { useState } from 'preact/hooks';
import { api, type ApiError, sitePath } from '../api.js';
import { hasRole, session, siteKey } from '../session.js';
import { Async, asApiError, ErrorNotice, formatTime, PageTitle, useResource } from '../ui.js';

type Interval = [string, string];
type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const DAYS: Array<[Day, string]> = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
];

export interface Rep {
  repId: string;
  name: string;
  email: string;
  title?: string;
  timeZone: string;
  workingHours: Record<Day, Interval[]>;
  outOfOffice: Array<{ start: string; end: string; reason?: string }>;
  dateOverrides?: Record<string, Interval[]>;
  calendars: Array<{ type: 'ics' | 'google' | 'microsoft' }>;
  active: boolean;
}

interface PoolShare {
  pool: string;
  weight: number;
  dailyCap: number | null;
}

export const listReps = (site: string) => api<{ reps: Rep[] }>(sitePath(site, '/reps')).then((body) => body.reps);

/** Pools each rep is in, from the rulebook (readable by marketing and sales only). */
async function poolShares(site: string): Promise<Map<string, PoolShare[]>> {
  const shares = new Map<string, PoolShare[]>();
  if (!hasRole('marketing', 'sales')) return shares;
  const draft = await api<{
    content: {
      pools: Array<{ name: string; members: Array<{ repId: string; weight: number; dailyCap?: number }> }>;
    };
  }>(sitePath(site, '/rulebook/draft'));
  for (const pool of draft.content.pools)
    for (const member of pool.members)
      shares.set(member.repId, [
        ...(shares.get(member.repId) ?? []),
        { pool: pool.name, weight: member.weight, dailyCap: member.dailyCap ?? null },
      ]);
  return shares;
}

const hoursText = (intervals: Interval[]) =>
  intervals.length === 0 ? 'off' : intervals.map(([from, to]) => `${from}–${to}`).join(', ');

export function RepsPage() {
  const site = siteKey.value;
  const reps = useResource(async () => ({ reps: await listReps(site), shares: await poolShares(site) }), [site]);
  return (
    <>
      <PageTitle title="Reps and availability" />
      <Async
        resource={reps}
        what="reps"
        isEmpty={(data) => data.reps.length === 0}
        empty={<p>No reps on this site yet. Sales adds them through the API (putRep).</p>}
      >
        {({ reps: list, shares }) => (
          <div class="cards">
            {list.map((rep) => (
              <RepCard key={rep.repId} rep={rep} shares={shares.get(rep.repId) ?? []} onSaved={reps.reload} />
            ))}
          </div>
        )}
      </Async>
    </>
  );
}

function RepCard({ rep, shares, onSaved }: { rep: Rep; shares: PoolShare[]; onSaved(): void }) {
  const user = session.value?.user;
  const mayEdit = hasRole('sales') || user?.repId === rep.repId;
  const now = Date.now();
  const away = rep.outOfOffice.find((ooo) => Date.parse(ooo.start) <= now && now < Date.parse(ooo.end));
  const upcoming = rep.outOfOffice.filter((ooo) => Date.parse(ooo.end) > now);
  return (
    <section class="card rep" aria-labelledby={`rep-${rep.repId}`}>
      <header class="card-header">
        <h2 id={`rep-${rep.repId}`}>{rep.name}</h2>
        <span class={`badge ${!rep.active ? 'muted' : away ? 'warn' : 'ok'}`}>
          {!rep.active ? 'inactive' : away ? 'out of office' : 'available'}
        </span>
      </header>
      <p class="meta">
        {rep.title ?? 'Rep'} · {rep.email} · {rep.timeZone}
      </p>
      <table class="compact">
        <caption>Working hours ({rep.timeZone})</caption>
        <tbody>
          {DAYS.map(([day, label]) => (
            <tr key={day}>
              <th scope="row">{label}</th>
              <td>{hoursText(rep.workingHours[day])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rep.dateOverrides && Object.keys(rep.dateOverrides).length > 0 ? (
        <p>
          Holidays and special days:{' '}
          {Object.entries(rep.dateOverrides)
            .map(([date, hours]) => `${date} ${hoursText(hours)}`)
            .join('; ')}
        </p>
      ) : null}
      <h3>Out of office</h3>
      {upcoming.length === 0 ? (
        <p class="muted-text">None planned.</p>
      ) : (
        <ul>
          {upcoming.map((ooo) => (
            <li key={ooo.start}>
              {formatTime(ooo.start)} – {formatTime(ooo.end)}
              {ooo.reason ? ` (${ooo.reason})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3>Pools</h3>
      {shares.length === 0 ? (
        <p class="muted-text">{hasRole('marketing', 'sales') ? 'In no pool.' : 'Shown to marketing and sales.'}</p>
      ) : (
        <ul>
          {shares.map((share) => (
            <li key={share.pool}>
              {share.pool}: weight {share.weight}
              {share.dailyCap !== null ? `, at most ${share.dailyCap} a day` : ', no daily cap'}
            </li>
          ))}
        </ul>
      )}
      <p>
        Calendars:{' '}
        {rep.calendars.length === 0
          ? 'none connected (Baton meetings only)'
          : rep.calendars.map((c) => c.type).join(', ')}
      </p>
      {mayEdit ? <OutOfOfficeForm rep={rep} onSaved={onSaved} /> : null}
    </section>
  );
}

function OutOfOfficeForm({ rep, onSaved }: { rep: Rep; onSaved(): void }) {
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (changes: Partial<Rep>) => {
    setBusy(true);
    setError(null);
    try {
      await api(sitePath(siteKey.value, `/reps/${rep.repId}`), { method: 'PUT', body: { ...rep, ...changes } });
      setStart('');
      setEnd('');
      setReason('');
      onSaved();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  const add = (event: Event) => {
    event.preventDefault();
    const period = {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      ...(reason ? { reason } : {}),
    };
    void save({ outOfOffice: [...rep.outOfOffice, period] });
  };
  return (
    <form class="inline-form" onSubmit={add} aria-label={`Out of office for ${rep.name}`}>
      <label>
        Away from
        <input
          type="datetime-local"
          required
          value={start}
          onInput={(e) => setStart((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        until
        <input
          type="datetime-local"
          required
          value={end}
          onInput={(e) => setEnd((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Reason
        <input value={reason} maxLength={200} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" disabled={busy}>
        Add out of office
      </button>
      {hasRole('sales') ? (
        <button type="button" disabled={busy} onClick={() => void save({ active: !rep.active })}>
          {rep.active ? 'Deactivate' : 'Activate'}
        </button>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
