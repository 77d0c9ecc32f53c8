export const ROLES = ['marketing', 'sales', 'rep', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: an account of the console or the API. */
export interface Principal {
  userId: string;
  name: string | null;
  roles: Role[];
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
