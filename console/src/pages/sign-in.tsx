import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { type SignInConfig, startHostedSignIn } from '../hosted-sign-in.js';
import { type Session, signIn, signOutReason } from '../session.js';
import { Async, asApiError, ErrorNotice, PageTitle, useResource } from '../ui.js';

export function SignInPage() {
  const config = useResource(() => api<SignInConfig>('/v1/auth/config'), []);
  return (
    <main id="main" class="sign-in">
      <PageTitle title="Sign in to Baton" />
      {signOutReason.value ? (
        <p class="notice" role="status">
          {signOutReason.value}
        </p>
      ) : null}
      <Async resource={config} what="the sign-in settings">
        {(data) => (data.method === 'local' ? <LocalSignIn /> : <HostedSignIn config={data} />)}
      </Async>
    </main>
  );
}

function HostedSignIn({ config }: { config: Extract<SignInConfig, { method: 'hosted' }> }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="primary"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void startHostedSignIn(config);
      }}
    >
      Sign in with your company account
    </button>
  );
}

function LocalSignIn() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signIn(await api<Session>('/v1/auth/login', { method: 'POST', body: { username, password } }));
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit}>
      <p class="hint">Local accounts: the demo accounts and their passwords are printed by npm start.</p>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          required
          value={username}
          onInput={(event) => setUsername((event.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
        />
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
