import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../../functions/adapters/dynamodb/sha256.js';

type Source = string | Uint8Array;
type HashClass = new (secret?: Source) => { update(data: Source): void; digest(): Promise<Uint8Array> };

const digestOf = async (Hash: HashClass, secret: Source | undefined, parts: Source[]) => {
  const hash = new Hash(secret);
  for (const part of parts) hash.update(part);
  return Buffer.from(await hash.digest()).toString('hex');
};

const bytes = (text: string) => new TextEncoder().encode(text);
/** The class a DynamoDB client of the SDK hashes with when none is given. */
const SdkSha256 = new DynamoDBClient({ region: 'local' }).config.sha256;

describe('the SigV4 hash the DocumentClient signs with', () => {
  it.each<[string, Source | undefined, Source[]]>([
    ['a plain hash of nothing', undefined, []],
    ['a plain hash of text', undefined, ['héllo wörld']],
    ['a plain hash of bytes in parts', undefined, [bytes('{"TableName":'), bytes('"baton"}')]],
    ['an empty text secret, which the SDK takes for no secret', '', ['payload']],
    ['an HMAC keyed by text', 'AWS4secret', [bytes('20261126')]],
    ['an HMAC keyed by text over a long message', 'secret', [bytes('x'.repeat(1_000))]],
    ['an HMAC keyed by bytes', bytes('signing key'), [bytes('string to sign')]],
    ['an HMAC keyed by empty bytes', new Uint8Array(0), [bytes('string to sign')]],
  ])('%s gives the bytes the SDK’s own class gives', async (_name, secret, parts) => {
    expect(await digestOf(Sha256 as HashClass, secret, parts)).toBe(
      await digestOf(SdkSha256 as unknown as HashClass, secret, parts),
    );
  });

  it('remembers an HMAC by its key and its message, not by its key alone', async () => {
    const first = await digestOf(Sha256 as HashClass, 'secret-a', [bytes('AKIDONE')]);
    const other = await digestOf(Sha256 as HashClass, 'secret-a', [bytes('AKIDTWO')]);
    const again = await digestOf(Sha256 as HashClass, 'secret-a', [bytes('AKIDONE')]);
    const otherKey = await digestOf(Sha256 as HashClass, 'secret-b', [bytes('AKIDONE')]);

    expect(again).toBe(first);
    expect(new Set([first, other, otherKey]).size).toBe(3);
    expect(other).toBe(await digestOf(SdkSha256 as unknown as HashClass, 'secret-a', [bytes('AKIDTWO')]));
  });

  it('gives each caller a digest of its own to keep', async () => {
    const hash = new Sha256('secret-c');
    hash.update(bytes('AKIDONE'));
    const kept = await hash.digest();
    kept.fill(0);

    expect(await digestOf(Sha256 as HashClass, 'secret-c', [bytes('AKIDONE')])).toBe(
      await digestOf(SdkSha256 as unknown as HashClass, 'secret-c', [bytes('AKIDONE')]),
    );
  });
});
