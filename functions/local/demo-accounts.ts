import { randomBytes } from 'node:crypto';
import { hashPassword, type LocalAccount, ScryptLocalAccounts } from '../adapters/auth/local-accounts.scrypt.js';
import type { Person } from '../ports/sign-in.js';

/** The people of the demo company, one per role the console serves. */
const demoPeople: Array<Person & { username: string }> = [
  {
    username: 'maria',
    userId: 'maria',
    name: 'Maria Silva',
    roles: ['marketing'],
    sites: ['demo', 'demo-consent', 'demo-live'],
    repId: null,
  },
  {
    username: 'sam',
    userId: 'sam',
    name: 'Sam Patel',
    roles: ['sales'],
    sites: ['demo', 'demo-consent', 'demo-live'],
    repId: null,
  },
  { username: 'ana', userId: 'ana', name: 'Ana Souza', roles: ['rep'], sites: ['demo', 'demo-live'], repId: 'rep-ana' },
  {
    username: 'ben',
    userId: 'ben',
    name: 'Ben Carter',
    roles: ['rep'],
    sites: ['demo', 'demo-live'],
    repId: 'rep-ben',
  },
  { username: 'admin', userId: 'admin', name: 'Admin', roles: ['admin'], sites: ['*'], repId: null },
];

export interface DemoAccount extends Person {
  username: string;
  /** Shown once, at start; only its scrypt hash is kept. */
  password: string;
}

/**
 * Demo accounts with passwords made for this run (printed by npm start), so a server someone leaves
 * running has no well-known password.
 */
export async function createDemoAccounts(): Promise<{ accounts: DemoAccount[]; credentials: ScryptLocalAccounts }> {
  const accounts = demoPeople.map((person) => ({ ...person, password: randomBytes(9).toString('base64url') }));
  const stored: LocalAccount[] = await Promise.all(
    accounts.map(async ({ password, ...person }) => ({ ...person, passwordHash: await hashPassword(password) })),
  );
  return { accounts, credentials: new ScryptLocalAccounts(stored) };
}
