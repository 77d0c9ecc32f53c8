import { HmacVisitorSessions } from '../adapters/auth/visitor-sessions.hmac.js';
import { type SecretReader, secretsManagerReader } from '../adapters/secrets/secret-reader.secrets-manager.js';

interface ServingSecretsConfig {
  BATON_VISITOR_SECRET_ARN: string;
  BATON_EDGE_SECRET_ARN?: string | undefined;
  BATON_SECRETS_MAX_AGE_SECONDS: number;
}

/**
 * The visitor-token secret and CloudFront's edge secret as they are now: read from Secrets Manager on a
 * request, from the instance's cache while younger than the max age.
 */
export function servingSecretsOf(
  config: ServingSecretsConfig,
  read: SecretReader = secretsManagerReader({ maxAgeSeconds: config.BATON_SECRETS_MAX_AGE_SECONDS }),
): () => Promise<{ visitor: string; edge: string | undefined }> {
  return async () => {
    const [visitor, edge] = await Promise.all([
      read(config.BATON_VISITOR_SECRET_ARN),
      config.BATON_EDGE_SECRET_ARN ? read(config.BATON_EDGE_SECRET_ARN) : undefined,
    ]);
    return { visitor, edge };
  };
}

/** Builds again only when the secret changed (a rotation), so a warm instance reuses what it built. */
export function latestFor<T>(build: (secret: string) => T): (secret: string) => T {
  let last: { secret: string; built: T } | undefined;
  return (secret) => {
    if (last?.secret !== secret) last = { secret, built: build(secret) };
    return last.built;
  };
}

/** Every function that serves visitors signs and checks their tokens with the same secret. */
export function visitorSessionsOf(secret: string) {
  return new HmacVisitorSessions({ secret: new TextEncoder().encode(secret) });
}
