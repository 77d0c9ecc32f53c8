import type { Role } from './token-verifier.js';

/** A person the console signs in: what their token will say about them. */
export interface Person {
  userId: string;
  name: string | null;
  roles: Role[];
  /** Site keys they act on; ['*'] for an admin of every site. */
  sites: string[];
  /** The rep they are, when they are one. */
  repId: string | null;
}

/** Local accounts (the embedded runtime); AWS uses Cognito's hosted sign-in instead. */
export interface Credentials {
  /** The person when the password is theirs; null for an unknown name or a wrong password alike. */
  check(username: string, password: string): Promise<Person | null>;
}

export interface SessionIssuer {
  /** A signed token the API accepts as a bearer token. */
  issue(person: Person): Promise<{ token: string; expiresAt: string }>;
}
