export const ROLES = ['marketing', 'sales', 'rep', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Every site, for admins of the whole deployment only. */
export const ALL_SITES = '*';

/** Who is calling: an account of the console or the API. */
export interface Principal {
  userId: string;
  name: string | null;
  roles: Role[];
  /** The site keys the holder acts on; `['*']` only for admins of every site. */
  sites: string[];
  /** The rep this person is, when they are one: a rep reads only what is theirs. */
  repId: string | null;
}

export interface TokenVerifier {
  /** Throws InvalidTokenError when the token is not one this deployment issued, or has expired. */
  verify(token: string): Promise<Principal>;
}

export class InvalidTokenError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidTokenError';
  }
}
