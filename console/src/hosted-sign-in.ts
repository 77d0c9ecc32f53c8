import { claimsOf, userFromClaims } from './claims.js';
import { signIn, signOutReason } from './session.js';

/** What GET /v1/auth/config says about signing in (operation getSignInConfig). */
export type SignInConfig =
  | { method: 'local' }
  | { method: 'hosted'; authorizeUrl: string; tokenUrl: string; clientId: string; scopes: string[] };

type HostedConfig = Extract<SignInConfig, { method: 'hosted' }>;

const PENDING_KEY = 'baton.console.pkce';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${location.origin}${location.pathname}`;

/** Sends the browser to the hosted sign-in page (authorization code with PKCE, S256). */
export async function startHostedSignIn(config: HostedConfig): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(
    PENDING_KEY,
    JSON.stringify({
      verifier,
      state,
      tokenUrl: config.tokenUrl,
      clientId: config.clientId,
      redirectUri: redirectUri(),
    }),
  );
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On the way back (?code=…&state=…): checks the state, trades the code and verifier for tokens, signs in. */
export async function completeHostedSignIn(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    tokenUrl: string;
    clientId: string;
    redirectUri: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (error || !pending || params.get('state') !== pending.state) {
    signOutReason.value = error
      ? `The sign-in page answered: ${params.get('error_description') ?? error}.`
      : 'That sign-in link is stale or was not started here; please sign in again.';
    return;
  }
  try {
    const response = await fetch(pending.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: pending.clientId,
        code: code!,
        redirect_uri: pending.redirectUri,
        code_verifier: pending.verifier,
      }),
    });
    if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
    const tokens = (await response.json()) as { id_token: string; expires_in: number };
    const claims = claimsOf(tokens.id_token);
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + tokens.expires_in * 1000;
    signIn({ token: tokens.id_token, expiresAt: new Date(exp).toISOString(), user: userFromClaims(claims) });
  } catch (failure) {
    signOutReason.value = `Signing in failed: ${(failure as Error).message}.`;
  }
}
