import { useState } from 'preact/hooks';
import { api, type ApiError, sitePath } from '../api.js';
import { runSimulation } from '../rulebook/run-simulation.js';
import { SimulationView } from '../rulebook/simulation-view.js';
import type { Changes, Draft, RulebookChange } from '../rulebook-types.js';
import { hasRole, siteKey } from '../session.js';
import { Async, asApiError, ErrorNotice, formatTime, PageTitle, useResource } from '../ui.js';
import { loadDraft } from './rulebook.js';

const SECTION_NAMES: Record<RulebookChange['section'], string> = {
  rules: 'Routing rules',
  thresholds: 'Threshold',
  scoring: 'Scoring',
  gates: 'ICP gates',
  pools: 'Pools',
  fallbacks: 'Fallbacks',
  nurtures: 'Nurture outcomes',
  'business-hours': 'Business hours',
  alerts: 'Alerts',
  playbooks: 'Playbooks',
  sla: 'SLA policies',
  other: 'Other',
};

type Side = 'marketing' | 'sales';

/** Signing shows what is signed: the change in words, the simulation, then the signature. */
export function SignPage() {
  const site = siteKey.value;
  const loaded = useResource(async () => {
    const [draft, changes] = await Promise.all([
      loadDraft(site),
      api<Changes>(sitePath(site, '/rulebook/draft/changes')),
    ]);
    return { draft, changes };
  }, [site]);
  return (
    <>
      <PageTitle title="Review and sign the draft" />
      <Async resource={loaded} what="the draft to sign">
        {({ draft, changes }) => (
          <Review key={draft.contentHash} draft={draft} changes={changes} reload={loaded.reload} />
        )}
      </Async>
    </>
  );
}

function Review({ draft, changes, reload }: { draft: Draft; changes: Changes; reload(): void }) {
  const site = siteKey.value;
  const simulation = useResource(() => runSimulation(site, 30), [site, draft.contentHash]);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const sides = (['marketing', 'sales'] as Side[]).filter((side) => hasRole(side));
  const sections = [...new Set(changes.changes.map((change) => change.section))];
  const sign = async (side: Side) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ draft: Draft | null; published: { version: number } | null }>(
        sitePath(site, '/rulebook/draft/approve'),
        { method: 'POST', body: { contentHash: changes.draftContentHash, side } },
      );
      setResult(
        answer.published
          ? `Signed for ${side}. Both sides have signed: version ${answer.published.version} is live.`
          : `Signed for ${side}. It goes live when the other side signs the same content.`,
      );
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  if (result)
    return (
      <div class="notice ok" role="status">
        <p>{result}</p>
        <p>
          <a href="#/rulebook/versions">See the versions and who signed them</a>
        </p>
      </div>
    );
  return (
    <>
      <section class="card" aria-labelledby="status-heading">
        <h2 id="status-heading">The draft</h2>
        <p>
          Revision {draft.revision},{' '}
          <span class={`badge ${draft.status === 'submitted' ? 'ok' : 'muted'}`}>{draft.status}</span>
          {draft.submittedBy ? ` by ${draft.submittedBy} on ${formatTime(draft.submittedAt)}` : ''}. Compared with live
          version {changes.liveVersion}.
        </p>
        {draft.status !== 'submitted' ? (
          <p class="notice">Marketing has not submitted this draft yet; it can be read here but not signed.</p>
        ) : null}
        {draft.problems.length > 0 ? (
          <p class="notice error">
            The draft has {draft.problems.length} problem(s) and cannot go live; see <a href="#/rulebook">the editor</a>
            .
          </p>
        ) : null}
      </section>
      <section class="card" aria-labelledby="changes-heading">
        <h2 id="changes-heading">What changes if it goes live</h2>
        {changes.changes.length === 0 ? (
          <p class="empty">Nothing: the draft is the same as live version {changes.liveVersion}.</p>
        ) : (
          sections.map((section) => (
            <div key={section}>
              <h3>{SECTION_NAMES[section]}</h3>
              <ul class="changes">
                {changes.changes
                  .filter((change) => change.section === section)
                  .map((change) => (
                    <li key={change.text}>
                      <span
                        class={`badge ${change.kind === 'removed' ? 'bad' : change.kind === 'added' ? 'ok' : 'warn'}`}
                      >
                        {change.kind}
                      </span>{' '}
                      {change.text}
                    </li>
                  ))}
              </ul>
            </div>
          ))
        )}
      </section>
      <Async resource={simulation} what="the simulation">
        {(data) => <SimulationView simulation={data} content={draft.content} />}
      </Async>
      <section class="card" aria-labelledby="signatures-heading">
        <h2 id="signatures-heading">Signatures</h2>
        {draft.signatures.length === 0 ? (
          <p>Nobody has signed this content yet.</p>
        ) : (
          <ul>
            {draft.signatures.map((signature) => (
              <li key={signature.side}>
                {signature.side}: {signature.name ?? signature.userId}, {formatTime(signature.at)}
              </li>
            ))}
          </ul>
        )}
        <p class="hint">
          A signature approves exactly this content (SHA-256 <code>{changes.draftContentHash.slice(0, 12)}…</code>); any
          later edit voids it.
        </p>
        {error ? <ErrorNotice error={error} retry={reload} /> : null}
        <div class="row actions">
          {sides.map((side) => {
            const signedAlready = draft.signatures.some((signature) => signature.side === side);
            return (
              <button
                key={side}
                type="button"
                class="primary"
                disabled={busy || draft.status !== 'submitted' || signedAlready || draft.problems.length > 0}
                onClick={() => void sign(side)}
              >
                {signedAlready ? `Signed for ${side}` : `Sign for ${side}`}
              </button>
            );
          })}
        </div>
      </section>
    </>
  );
}
