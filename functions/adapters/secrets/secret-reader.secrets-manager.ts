import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A secret's current value by its id (ARN or name). */
export type SecretReader = (secretId: string) => Promise<string>;

export interface SecretsManagerReaderOptions {
  /** How long a value read is used before Secrets Manager is asked again: a rotated value is in use within this, with no redeploy. */
  maxAgeSeconds: number;
  /** Tests pass a mocked client; the functions let Powertools make one. */
  client?: SecretsManagerClient;
  /** A version other than the current one, e.g. 'AWSPREVIOUS' (the value before the last rotation). */
  versionStage?: string;
}

/**
 * Secrets read at run time through Powertools Parameters, cached per function instance for `maxAgeSeconds`,
 * so no secret sits in a function's environment and a rotation reaches every instance within that time.
 */
export function secretsManagerReader({
  maxAgeSeconds,
  client,
  versionStage,
}: SecretsManagerReaderOptions): SecretReader {
  // A provider of its own per reader: Powertools caches by secret id alone, whatever version was asked for.
  // Made on the first read: Powertools and the Secrets Manager client it loads are not part of a cold start's
  // import (the visitor function's first request reads its secret anyway; its import stays small).
  let provider: Promise<SecretsProvider> | undefined;
  const made = () =>
    (provider ??= import('@aws-lambda-powertools/parameters/secrets').then(
      ({ SecretsProvider }) => new SecretsProvider(client ? { awsSdkV3Client: client } : {}),
      (error: unknown) => {
        provider = undefined;
        throw error;
      },
    ));
  const sdkOptions = versionStage ? { sdkOptions: { VersionStage: versionStage } } : {};
  return async (secretId) => {
    const value = await (await made()).get(secretId, { maxAge: maxAgeSeconds, ...sdkOptions });
    if (typeof value !== 'string' || value.length === 0) throw new Error(`The secret ${secretId} has no text value.`);
    return value;
  };
}
