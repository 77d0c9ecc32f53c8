import { createHmac, hash } from 'node:crypto';

/** What the SDK hashes: text (UTF-8) or bytes. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): string | Buffer =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** HMACs keyed by text, by key and message: see Sha256. Bounded, as credentials rotate. */
const textKeyed = new Map<string, Buffer>();
const TEXT_KEYED_LIMIT = 32;
const REMEMBERED_MESSAGE_LIMIT = 256;

/**
 * SHA-256 and HMAC-SHA256 for the SDK's `sha256` setting (a SigV4 signature takes three hashes and an HMAC
 * per request, and the signing key's cache key is an HMAC of the credentials). The SDK's own class makes a
 * Node Hash or Hmac stream object per hash and copies each plain hash before its digest; this one keeps what
 * it is given and hashes it in one call (`crypto.hash`). An HMAC whose key is text (the SDK keys by text only
 * the credentials' cache key and the first step of a signing key, both the same for every request of a day)
 * is remembered by key and message. The digests are the same bytes.
 */
export class Sha256 {
  readonly digestLength = 32;
  #key: SourceData | undefined;
  #parts: Array<string | Buffer> = [];

  constructor(secret?: SourceData) {
    this.#key = secret;
  }

  update(data: SourceData): void {
    this.#parts.push(bytesOf(data));
  }

  async digest(): Promise<Uint8Array> {
    const parts = this.#parts;
    const message = parts.length === 1 ? parts[0]! : Buffer.concat(parts.map((part) => Buffer.from(part)));
    const key = this.#key;
    let digest: Buffer;
    // Which key makes an HMAC is the SDK's own rule: any key but an empty text or none.
    if (!key) digest = hash('sha256', message, 'buffer');
    else if (typeof key === 'string' && message.length <= REMEMBERED_MESSAGE_LIMIT) {
      const id = `${key.length}:${key}${typeof message === 'string' ? `s${message}` : `b${message.toString('latin1')}`}`;
      let known = textKeyed.get(id);
      if (!known) {
        known = createHmac('sha256', key).update(message).digest();
        if (textKeyed.size >= TEXT_KEYED_LIMIT) textKeyed.delete(textKeyed.keys().next().value!);
        textKeyed.set(id, known);
      }
      // A copy: what the caller holds is its own.
      return new Uint8Array(known);
    } else digest = createHmac('sha256', bytesOf(key)).update(message).digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }

  reset(): void {
    this.#parts = [];
  }
}
