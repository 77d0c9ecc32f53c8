import { describe, expect, it } from 'vitest';
import { AesGcmTokenCipher } from '../../../../functions/adapters/crypto/token-cipher.aes-gcm.js';

const cipherWith = (secret: string) => new AesGcmTokenCipher({ current: async () => secret });
const KEY = 'a-generated-token-key-secret-of-48-characters-xx';

describe('AesGcmTokenCipher (calendar tokens sealed at rest)', () => {
  it('opens what it sealed, for the same context', async () => {
    const cipher = cipherWith(KEY);

    const sealed = await cipher.seal('1//refresh-token-from-google', 'conn-1');

    await expect(cipher.open(sealed, 'conn-1')).resolves.toBe('1//refresh-token-from-google');
  });

  it('seals without any trace of the plaintext, and differently each time', async () => {
    const cipher = cipherWith(KEY);

    const [a, b] = [await cipher.seal('refresh-token', 'conn-1'), await cipher.seal('refresh-token', 'conn-1')];

    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('refresh-token');
    expect(Buffer.from(a.split('.')[2]!, 'base64url').toString('utf8')).not.toContain('refresh');
    expect(a).not.toBe(b);
  });

  it('refuses a value copied to another connection', async () => {
    const cipher = cipherWith(KEY);
    const sealed = await cipher.seal('refresh-token', 'conn-1');

    await expect(cipher.open(sealed, 'conn-2')).rejects.toThrow();
  });

  it('refuses a value sealed with another key, or changed at rest', async () => {
    const sealed = await cipherWith(KEY).seal('refresh-token', 'conn-1');
    const [version, nonce, body, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0]! ^= 1;

    await expect(cipherWith(`${KEY}-other`).open(sealed, 'conn-1')).rejects.toThrow();
    await expect(
      cipherWith(KEY).open([version, nonce, flipped.toString('base64url'), tag].join('.'), 'conn-1'),
    ).rejects.toThrow();
  });

  it('refuses what is not a sealed value', async () => {
    await expect(cipherWith(KEY).open('plain-refresh-token', 'conn-1')).rejects.toThrow(/Not a sealed token/);
  });

  it('after a rotation seals under the new key and still opens what the previous key sealed, but not a stranger key', async () => {
    const before = await cipherWith(KEY).seal('refresh-token', 'conn-1');
    const stranger = await cipherWith(`${KEY}-stranger`).seal('refresh-token', 'conn-1');
    let previousAsked = 0;
    const rotated = new AesGcmTokenCipher({
      current: async () => `${KEY}-rotated`,
      previous: async () => {
        previousAsked += 1;
        return KEY;
      },
    });

    const after = await rotated.seal('refresh-token', 'conn-1');

    await expect(rotated.open(after, 'conn-1')).resolves.toBe('refresh-token');
    expect(previousAsked).toBe(0);
    await expect(rotated.open(before, 'conn-1')).resolves.toBe('refresh-token');
    await expect(cipherWith(KEY).open(after, 'conn-1')).rejects.toThrow();
    await expect(rotated.open(stranger, 'conn-1')).rejects.toThrow();
  });

  it('refuses with the current key’s error when there is no previous key (never rotated)', async () => {
    const sealed = await cipherWith(`${KEY}-other`).seal('refresh-token', 'conn-1');
    const neverRotated = new AesGcmTokenCipher({
      current: async () => KEY,
      previous: () => Promise.reject(new Error("Secrets Manager can't find the specified secret version")),
    });

    await expect(neverRotated.open(sealed, 'conn-1')).rejects.toThrow(/unable to authenticate/i);
  });
});
