import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import {
  ALL_SITES,
  InvalidTokenError,
  ROLES,
  type Principal,
  type Role,
  type TokenVerifier,
} from '../../ports/token-verifier.js';

export type JoseVerifierOptions = (
  | /** Local runtime: tokens signed with a shared secret (HS256). */ { kind: 'secret'; secret: Uint8Array }
  | /** AWS: Cognito user pool tokens, verified against the pool's published keys. */ { kind: 'jwks'; jwksUrl: string }
) & {
  issuer: string;
  /** Checked against `aud`, or Cognito access tokens' `client_id`. */
  audience: string;
  /** How far apart the issuer's clock and ours may be. */
  clockToleranceSeconds?: number;
  now?: () => Date;
};

/** Tokens valid longer than this are refused, whatever they say: a stolen one stays useful only so long. */
const MAX_TOKEN_AGE_SECONDS = 24 * 3600;
const SITE_GROUP = /^site:([a-z0-9][a-z0-9-]{0,62}|\*):(marketing|sales|rep|admin)$/;
const SITE_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class JoseTokenVerifier implements TokenVerifier {
  private key: Uint8Array | JWTVerifyGetKey | undefined;

  constructor(private readonly options: JoseVerifierOptions) {}

  async verify(token: string): Promise<Principal> {
    // Loaded with the first signed request: the widget's public routes never need it (cold-start time).
    const { createRemoteJWKSet, errors, jwtVerify } = await import('jose');
    this.key ??=
      this.options.kind === 'secret' ? this.options.secret : createRemoteJWKSet(new URL(this.options.jwksUrl));
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        issuer: this.options.issuer,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        ...(this.options.now ? { currentDate: this.options.now() } : {}),
      };
      ({ payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, { ...verifyOptions, algorithms: ['RS256'] })
          : await jwtVerify(token, this.key, { ...verifyOptions, algorithms: ['HS256'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('the token has expired');
      throw new InvalidTokenError('the token is not valid for this deployment');
    }
    const audiences = [payload.aud, payload.client_id].flat().filter((value) => typeof value === 'string');
    if (!audiences.includes(this.options.audience))
      throw new InvalidTokenError('the token is not valid for this deployment');
    return principalOf(payload);
  }
}

/** Local tokens carry roles, sites and repId as claims; Cognito carries groups `site:<siteKey>:<role>` and `custom:repId`. */
function principalOf(payload: JWTPayload): Principal {
  const roles = new Set<Role>();
  const sites = new Set<string>();
  const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
  for (const role of Array.isArray(payload.roles) ? payload.roles : []) if (isRole(role)) roles.add(role);
  for (const site of Array.isArray(payload.sites) ? payload.sites : [])
    if (typeof site === 'string' && (SITE_KEY.test(site) || site === ALL_SITES)) sites.add(site);
  for (const group of Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : []) {
    const match = typeof group === 'string' ? SITE_GROUP.exec(group) : null;
    if (!match) continue;
    sites.add(match[1]!);
    roles.add(match[2] as Role);
  }
  // Every site is for admins only: a claim of '*' with another role grants nothing.
  if (sites.has(ALL_SITES) && !roles.has('admin')) sites.delete(ALL_SITES);
  const repId = payload.repId ?? payload['custom:repId'];
  return {
    userId: payload.sub!,
    name: typeof payload.name === 'string' ? payload.name : null,
    roles: [...roles],
    sites: [...sites],
    repId: typeof repId === 'string' && SITE_KEY.test(repId) ? repId : null,
  };
}
