import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { TokenCipher } from '../../ports/token-cipher.js';

const PREFIX = 'v1.';

type KeySecret = string | Uint8Array;

/**
 * Where the key secrets come from: `current` seals and opens; `previous` (the value before the last
 * rotation, when there is one) only opens, so tokens sealed before a rotation still read until their next
 * write seals them again under the current key.
 */
export interface TokenKeys {
  current(): Promise<KeySecret>;
  previous?(): Promise<KeySecret | undefined>;
}

const keyOf = (secret: KeySecret) => Buffer.from(hkdfSync('sha256', secret, 'baton', 'calendar tokens v1', 32));

/**
 * AES-256-GCM with a fresh 96-bit nonce per value and the context as additional authenticated data; the
 * key is derived (HKDF-SHA256) from a secret the caller supplies: in AWS a generated Secrets Manager secret
 * read at run time, locally one derived from the data folder's kept secret. Sealed:
 * `v1.<nonce>.<ciphertext>.<tag>` (base64url).
 */
export class AesGcmTokenCipher implements TokenCipher {
  constructor(private readonly keys: TokenKeys) {}

  async seal(plaintext: string, context: string): Promise<string> {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keyOf(await this.keys.current()), nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${[nonce, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.')}`;
  }

  async open(sealed: string, context: string): Promise<string> {
    const parts = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split('.') : [];
    if (parts.length !== 3) throw new Error('Not a sealed token.');
    const [nonce, body, tag] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
    const openWith = (secret: KeySecret) => {
      const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), nonce);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    };
    try {
      return openWith(await this.keys.current());
    } catch (underCurrent) {
      // Only after the current key failed: a previous key is a Secrets Manager call that may not exist.
      const previous = await this.keys.previous?.().catch(() => undefined);
      if (previous === undefined) throw underCurrent;
      return openWith(previous);
    }
  }
}
