import { useState } from 'preact/hooks';
import { api, type ApiError, sitePath } from '../api.js';
import { hasRole, siteKey } from '../session.js';
import { Async, asApiError, ErrorNotice, formatTime, PageTitle, useResource } from '../ui.js';
import type { Versions } from '../wire.js';

const signedBy = (signatures: Versions['versions'][number]['signatures']) =>
  signatures
    .map((signature) => `${signature.name ?? signature.userId} for ${signature.side}, ${formatTime(signature.at)}`)
    .join('; ');

export function VersionsPage() {
  const site = siteKey.value;
  const versions = useResource(() => api<Versions>(sitePath(site, '/rulebook/versions')), [site]);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A rollback changes the live lead definition: each side signs it, the second signature puts it live.
  const sides = (['marketing', 'sales'] as const).filter((side) => hasRole(side));
  const rollback = async (version: number, side: 'marketing' | 'sales') => {
    if (
      !confirm(
        `Sign for ${side} to put version ${version} live again? Conversations already running keep their version.`,
      )
    )
      return;
    setError(null);
    try {
      const answer = await api<{ live: boolean }>(sitePath(site, '/rulebook/rollback'), {
        method: 'POST',
        body: { version, side },
      });
      setNotice(
        answer.live
          ? `Signed for ${side}. Both sides have signed: version ${version} is live again.`
          : `Signed for ${side}. Version ${version} goes live again when the other side signs the same rollback.`,
      );
      versions.reload();
    } catch (failure) {
      setError(asApiError(failure));
    }
  };
  return (
    <>
      <PageTitle title="Rulebook versions" />
      {notice ? (
        <p class="notice ok" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <Async resource={versions} what="versions" isEmpty={(data) => data.versions.length === 0}>
        {(data) => (
          <>
            {data.pendingRollback ? (
              <section class="card" aria-labelledby="rollback-heading">
                <h2 id="rollback-heading">Rollback waiting for a signature</h2>
                <p>
                  Version {data.pendingRollback.version} goes live again, in place of version{' '}
                  {data.pendingRollback.fromVersion}, when{' '}
                  {data.pendingRollback.signatures.some((signature) => signature.side === 'marketing')
                    ? 'sales'
                    : 'marketing'}{' '}
                  signs it. Signed by {signedBy(data.pendingRollback.signatures)}.
                </p>
              </section>
            ) : null}
            <section class="card" aria-labelledby="versions-heading">
              <h2 id="versions-heading">Versions</h2>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col">Published</th>
                      <th scope="col">Signed by</th>
                      <th scope="col">
                        <span class="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.versions.map((version) => (
                      <tr key={version.version}>
                        <th scope="row">
                          {version.version} {version.live ? <span class="badge ok">live</span> : null}
                        </th>
                        <td>{formatTime(version.publishedAt)}</td>
                        <td>
                          {version.signatures.length === 0
                            ? 'the initial version (no signatures)'
                            : signedBy(version.signatures)}
                        </td>
                        <td>
                          {version.live
                            ? null
                            : sides.map((side) =>
                                data.pendingRollback?.version === version.version &&
                                data.pendingRollback.signatures.some((signature) => signature.side === side) ? (
                                  <span key={side} class="muted-text">
                                    Signed for {side}
                                  </span>
                                ) : (
                                  <button
                                    key={side}
                                    type="button"
                                    class="small"
                                    onClick={() => void rollback(version.version, side)}
                                  >
                                    Sign rollback to version {version.version} for {side}
                                  </button>
                                ),
                              )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section class="card" aria-labelledby="history-heading">
              <h2 id="history-heading">History</h2>
              {data.history.length === 0 ? (
                <p class="empty">Nothing has happened to the rulebook yet.</p>
              ) : (
                <ol class="history">
                  {data.history.map((entry, index) => (
                    <li key={`${entry.at}-${index}`}>
                      <strong>{formatTime(entry.at)}</strong> {entry.userId} {entry.action}
                      {entry.version !== null ? ` (version ${entry.version})` : ''}: {entry.detail}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </Async>
    </>
  );
}
