import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { InvalidTokenError, ROLES, type Principal, type Role, type TokenVerifier } from '../../ports/token-verifier.js';

export type JoseVerifierOptions =
  /** Local runtime: tokens signed with a shared secret (HS256). */
  | { kind: 'secret'; secret: Uint8Array; issuer: string; audience: string }
  /** AWS: Cognito user pool tokens, verified against the pool's published keys. */
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience?: string };

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
        ...(this.options.audience ? { audience: this.options.audience } : {}),
      };
      ({ payload } =
        typeof this.key === 'function'
          ? await jwtVerify(token, this.key, verifyOptions)
          : await jwtVerify(token, this.key, { ...verifyOptions, algorithms: ['HS256'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('the token has expired');
      throw new InvalidTokenError('the token is not valid for this deployment');
    }
    if (!payload.sub) throw new InvalidTokenError('the token names no subject');
    // Cognito carries groups in cognito:groups; locally issued tokens in roles.
    const claimed = [payload.roles, payload['cognito:groups']].flatMap((value) => (Array.isArray(value) ? value : []));
    return {
      userId: payload.sub,
      name: typeof payload.name === 'string' ? payload.name : null,
      roles: claimed.filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    };
  }
}
