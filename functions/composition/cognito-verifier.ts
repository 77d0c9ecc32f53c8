import { JoseTokenVerifier } from '../adapters/auth/token-verifier.jose.js';

/** Staff tokens are the Cognito user pool's: checked against its published keys, issuer and app client. */
export function cognitoVerifierOf(config: { BATON_JWT_ISSUER: string; BATON_JWT_AUDIENCE: string }) {
  return new JoseTokenVerifier({
    kind: 'jwks',
    jwksUrl: `${config.BATON_JWT_ISSUER}/.well-known/jwks.json`,
    issuer: config.BATON_JWT_ISSUER,
    audience: config.BATON_JWT_AUDIENCE,
  });
}
