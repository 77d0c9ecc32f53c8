import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Credentials, Person } from '../../ports/sign-in.js';

const derive = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/** "scrypt$<salt base64>$<key base64>" with node's default cost (N=16384, r=8, p=1). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

async function matches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export interface LocalAccount extends Person {
  username: string;
  passwordHash: string;
}

/** The embedded runtime's accounts; only password hashes are kept. */
export class ScryptLocalAccounts implements Credentials {
  private readonly byName: Map<string, LocalAccount>;
  // An unknown name costs one scrypt too, so timing does not tell which names exist.
  private readonly decoy = hashPassword(randomBytes(16).toString('hex'));

  constructor(accounts: readonly LocalAccount[]) {
    this.byName = new Map(accounts.map((account) => [account.username.toLowerCase(), account]));
  }

  async check(username: string, password: string): Promise<Person | null> {
    const account = this.byName.get(username.trim().toLowerCase());
    const ok = await matches(password, account?.passwordHash ?? (await this.decoy));
    if (!account || !ok) return null;
    const { username: _username, passwordHash: _hash, ...person } = account;
    return person;
  }
}
