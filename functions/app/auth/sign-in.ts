import type { Credentials, Person, SessionIssuer } from '../../ports/sign-in.js';

export interface SignedInSession {
  token: string;
  expiresAt: string;
  user: Person;
}

/** Trades a local account's name and password for a signed token; null when they do not match. */
export async function signIn(
  deps: { credentials: Credentials; sessions: SessionIssuer },
  input: { username: string; password: string },
): Promise<SignedInSession | null> {
  const person = await deps.credentials.check(input.username, input.password);
  if (!person) return null;
  return { ...(await deps.sessions.issue(person)), user: person };
}
