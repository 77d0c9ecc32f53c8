import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AesGcmTokenCipher } from '../../../functions/adapters/crypto/token-cipher.aes-gcm.js';
import { buildDependencies } from '../../../functions/composition/build-dependencies.js';
import { tokenCipherOf } from '../../../functions/composition/token-cipher.js';
import { localAuthSecret, localTokenKey } from '../../../functions/local/local-tokens.js';
import { silentLogger } from '../../support/silent-logger.js';

const KEY_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:TokenKeySecret-AbCdEf';
const START = new Date('2026-11-26T09:00:00.000Z');
const config = { BATON_TOKEN_KEY_SECRET_ARN: KEY_ARN, BATON_SECRETS_MAX_AGE_SECONDS: 300 };

describe('the calendar-token key in AWS (Secrets Manager through Powertools Parameters)', () => {
  const secretsMock = mockClient(SecretsManagerClient);
  const client = () => new SecretsManagerClient({ region: 'eu-west-1' });
  beforeEach(() => {
    secretsMock.reset();
    vi.useFakeTimers({ toFake: ['Date'], now: START });
  });
  afterEach(() => vi.useRealTimers());
  const keyVersions = (versions: { current: string; previous?: string }) => {
    secretsMock
      .on(GetSecretValueCommand, { SecretId: KEY_ARN })
      .callsFake(async () => ({ SecretString: versions.current }));
    secretsMock.on(GetSecretValueCommand, { SecretId: KEY_ARN, VersionStage: 'AWSPREVIOUS' }).callsFake(async () => {
      if (versions.previous === undefined)
        throw new ResourceNotFoundException({ message: 'no such version', $metadata: {} });
      return { SecretString: versions.previous };
    });
  };

  it('has no cipher where the stack named no key', () => {
    expect(tokenCipherOf({ BATON_SECRETS_MAX_AGE_SECONDS: 300 })).toBeUndefined();
  });

  it('seals with the current value and reads it once per max age, asking no previous version while that opens', async () => {
    keyVersions({ current: 'key-one-generated-by-secrets-manager-48-chars-x' });
    const cipher = tokenCipherOf(config, client())!;

    const sealed = await cipher.seal('refresh-token', 'conn-1');
    await expect(cipher.open(sealed, 'conn-1')).resolves.toBe('refresh-token');

    const calls = secretsMock.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([{ SecretId: KEY_ARN }]);
  });

  it('after a rotation (a new current value, the old one AWSPREVIOUS) opens tokens sealed before it, within the max age and without a redeploy', async () => {
    const versions: { current: string; previous?: string } = {
      current: 'key-one-generated-by-secrets-manager-48-chars-x',
    };
    keyVersions(versions);
    const cipher = tokenCipherOf(config, client())!;
    const beforeRotation = await cipher.seal('refresh-token', 'conn-1');
    // Act: put-secret-value moves AWSCURRENT to the new value and AWSPREVIOUS to the old one.
    versions.previous = versions.current;
    versions.current = 'key-two-generated-by-secrets-manager-48-chars-x';
    vi.setSystemTime(START.getTime() + 300_001);
    const afterRotation = await cipher.seal('refresh-token', 'conn-1');
    // Assess
    await expect(cipher.open(beforeRotation, 'conn-1')).resolves.toBe('refresh-token');
    await expect(cipher.open(afterRotation, 'conn-1')).resolves.toBe('refresh-token');
    const underNewKeyOnly = new AesGcmTokenCipher({ current: async () => versions.current });
    await expect(underNewKeyOnly.open(afterRotation, 'conn-1')).resolves.toBe('refresh-token');
    await expect(underNewKeyOnly.open(beforeRotation, 'conn-1')).rejects.toThrow();
  });

  it('refuses a token sealed under neither value when the key was never rotated', async () => {
    keyVersions({ current: 'key-one-generated-by-secrets-manager-48-chars-x' });
    const stranger = await new AesGcmTokenCipher({ current: async () => 'another-key' }).seal('refresh-token', 'c');

    await expect(tokenCipherOf(config, client())!.open(stranger, 'c')).rejects.toThrow();
  });
});

describe('the calendar-token key of the local runtime', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'baton-token-key-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('is the same for every run over one data folder, and another for another folder', async () => {
    const firstRun = localTokenKey(await localAuthSecret(dataDir, undefined));
    const secondRun = localTokenKey(await localAuthSecret(dataDir, undefined));
    const otherFolder = await mkdtemp(join(tmpdir(), 'baton-token-key-'));
    const other = localTokenKey(await localAuthSecret(otherFolder, undefined));
    await rm(otherFolder, { recursive: true, force: true });
    const sealed = await new AesGcmTokenCipher({ current: async () => firstRun }).seal('refresh-token', 'c');

    await expect(new AesGcmTokenCipher({ current: async () => secondRun }).open(sealed, 'c')).resolves.toBe(
      'refresh-token',
    );
    await expect(new AesGcmTokenCipher({ current: async () => other }).open(sealed, 'c')).rejects.toThrow();
  });
});

describe('wiring calendars', () => {
  it('refuses a Google or Microsoft calendar app without a token cipher: their tokens are never stored in plain text', () => {
    const base = {
      db: {} as never,
      tableName: 'baton',
      logger: silentLogger(),
      mailer: { send: async () => ({ messageId: 'm' }) },
    };
    const app = { clientId: 'id', clientSecret: 'secret' };

    expect(() => buildDependencies({ ...base, google: app })).toThrow(/token cipher/);
    expect(() => buildDependencies({ ...base, microsoft: app })).toThrow(/token cipher/);
    expect(buildDependencies(base).calendars.has('google')).toBe(false);
  });

  it('wires Google and Microsoft calendars whose adapters are read by their first call and answer as theirs', async () => {
    const deps = buildDependencies({
      db: {} as never,
      tableName: 'baton',
      logger: silentLogger(),
      mailer: { send: async () => ({ messageId: 'm' }) },
      google: { clientId: 'id', clientSecret: 'secret' },
      microsoft: { clientId: 'id', clientSecret: 'secret' },
      tokenCipher: new AesGcmTokenCipher({ current: async () => new Uint8Array(32) }),
    });
    const icsSource = { type: 'ics' as const, url: 'https://calendar.example.test/rep.ics' };
    const day = [new Date('2026-11-26T00:00:00Z'), new Date('2026-11-27T00:00:00Z')] as const;

    expect(deps.calendars.get('google')!.type).toBe('google');
    expect(deps.calendars.get('microsoft')!.type).toBe('microsoft');
    // Each adapter's own check of the source it was handed: the call reached the adapter its module holds.
    await expect(deps.calendars.get('google')!.busy(icsSource, {} as never, ...day)).rejects.toThrow(
      'not a Google calendar',
    );
    await expect(deps.calendars.get('microsoft')!.busy(icsSource, {} as never, ...day)).rejects.toThrow(
      'not a Microsoft calendar',
    );
  });
});
