import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { secretsManagerReader } from '../../../../functions/adapters/secrets/secret-reader.secrets-manager.js';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:VisitorTokenSecret-AbCdEf';
const START = new Date('2026-11-26T09:00:00.000Z');

describe('secretsManagerReader (Powertools Parameters over Secrets Manager)', () => {
  const secretsMock = mockClient(SecretsManagerClient);
  beforeEach(() => {
    secretsMock.reset();
    // Powertools reads the time from Date: only Date is faked, so nothing waits.
    vi.useFakeTimers({ toFake: ['Date'], now: START });
  });
  afterEach(() => vi.useRealTimers());
  const reader = () =>
    secretsManagerReader({ maxAgeSeconds: 300, client: new SecretsManagerClient({ region: 'eu-west-1' }) });

  it('reads the secret by its id from Secrets Manager', async () => {
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: 'first-value' });

    await expect(reader()(SECRET)).resolves.toBe('first-value');
    expect(secretsMock.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: SECRET });
  });

  it('keeps using the value it read up to and including its max age, then reads the rotated value', async () => {
    // Prepare
    secretsMock
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: 'before-rotation' })
      .resolves({ SecretString: 'after-rotation' });
    const read = reader();
    // Act + Assess
    await expect(read(SECRET)).resolves.toBe('before-rotation');
    vi.setSystemTime(START.getTime() + 300_000);
    await expect(read(SECRET)).resolves.toBe('before-rotation');
    expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    vi.setSystemTime(START.getTime() + 300_001);
    await expect(read(SECRET)).resolves.toBe('after-rotation');
    expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('caches each secret on its own', async () => {
    secretsMock
      .on(GetSecretValueCommand, { SecretId: 'a' })
      .resolves({ SecretString: 'value-a' })
      .on(GetSecretValueCommand, { SecretId: 'b' })
      .resolves({ SecretString: 'value-b' });
    const read = reader();

    expect([await read('a'), await read('b'), await read('a')]).toEqual(['value-a', 'value-b', 'value-a']);
    expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('refuses a secret without a text value rather than signing with nothing', async () => {
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: '' });

    await expect(reader()(SECRET)).rejects.toThrow(/no text value/);
  });

  it('passes on a failure to read (the request fails; the next one asks again)', async () => {
    secretsMock.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: 'value' });
    const read = reader();

    await expect(read(SECRET)).rejects.toThrow('throttled');
    await expect(read(SECRET)).resolves.toBe('value');
  });
});
