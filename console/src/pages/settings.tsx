import { useState } from 'preact/hooks';
import { api, type ApiError, sitePath } from '../api.js';
import { hasRole, siteKey } from '../session.js';
import { Async, asApiError, ErrorNotice, PageTitle, useResource } from '../ui.js';

interface WidgetConfig {
  name: string;
  consent: { required: boolean; version: string; text: string } | null;
}

export function SettingsPage() {
  const site = siteKey.value;
  const widget = useResource(() => api<WidgetConfig>(sitePath(site, '/widget-config?language=en')), [site]);
  return (
    <>
      <PageTitle title="Settings" />
      <section class="card" aria-labelledby="consent-heading">
        <h2 id="consent-heading">Widget and consent notice</h2>
        <Async resource={widget} what="the widget settings">
          {(config) => (
            <dl class="facts">
              <dt>Site name shown in the chat</dt>
              <dd>{config.name}</dd>
              <dt>Consent notice</dt>
              <dd>
                {config.consent
                  ? `${config.consent.required ? 'Required' : 'Shown'} (version ${config.consent.version}): “${config.consent.text}”`
                  : 'None: conversations start without a notice.'}
              </dd>
            </dl>
          )}
        </Async>
      </section>
      <section class="card" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alert recipients and webhook</h2>
        <p>
          Alerts (a visitor routed to a fallback, nobody available) are part of the rulebook, so a change is signed by
          both sides like any other: edit them in <a href="#/rulebook">the rulebook</a> under “Alerts”.
        </p>
      </section>
      <SyncSection />
    </>
  );
}

function SyncSection() {
  const [result, setResult] = useState<{ replayed: number; succeeded: number; failed: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api(sitePath(siteKey.value, '/sync/replay'), { method: 'POST' }));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="sync-heading">
      <h2 id="sync-heading">CRM sync</h2>
      <p>
        Events that still failed after their last retry wait in the dead-letter store. Replaying sends them again; an
        event already delivered changes nothing.
      </p>
      {hasRole('marketing', 'sales') ? (
        <button type="button" onClick={replay} disabled={busy}>
          {busy ? 'Replaying…' : 'Replay failed syncs'}
        </button>
      ) : null}
      {result ? (
        <p role="status">
          {result.replayed === 0
            ? 'Nothing to replay: no sync is failing.'
            : `Replayed ${result.replayed}: ${result.succeeded} delivered, ${result.failed} still failing.`}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
