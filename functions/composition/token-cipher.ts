import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AesGcmTokenCipher } from '../adapters/crypto/token-cipher.aes-gcm.js';
import { secretsManagerReader } from '../adapters/secrets/secret-reader.secrets-manager.js';

/**
 * The calendar-token cipher over the stack's token key: the current value seals, and the value before the
 * last rotation (Secrets Manager's AWSPREVIOUS, asked only when the current one does not open a token) still
 * opens what was sealed before it. Both are read at run time, cached for the max age: no redeploy to rotate.
 */
export function tokenCipherOf(
  config: { BATON_TOKEN_KEY_SECRET_ARN?: string | undefined; BATON_SECRETS_MAX_AGE_SECONDS: number },
  client?: SecretsManagerClient,
): AesGcmTokenCipher | undefined {
  const secretId = config.BATON_TOKEN_KEY_SECRET_ARN;
  if (!secretId) return undefined;
  const options = { maxAgeSeconds: config.BATON_SECRETS_MAX_AGE_SECONDS, ...(client ? { client } : {}) };
  const current = secretsManagerReader(options);
  const previous = secretsManagerReader({ ...options, versionStage: 'AWSPREVIOUS' });
  return new AesGcmTokenCipher({ current: () => current(secretId), previous: () => previous(secretId) });
}
