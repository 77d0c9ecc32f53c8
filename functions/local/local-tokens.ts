import { SignJWT } from 'jose';
import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionIssuer } from '../ports/sign-in.js';
import type { Role } from '../ports/token-verifier.js';

export const LOCAL_ISSUER = 'baton-local';
export const LOCAL_AUDIENCE = 'baton-api';

/** The local signing secret: BATON_AUTH_SECRET, else one generated once and kept in the data folder, else (in memory) one per run. */
export async function localAuthSecret(dataDir: string | null, fromEnv: string | undefined): Promise<Uint8Array> {
  if (fromEnv) return new TextEncoder().encode(fromEnv);
  if (dataDir === null) return randomBytes(32);
  const file = join(dataDir, 'auth-secret');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch {
    const secret = randomBytes(32);
    await writeFile(file, secret.toString('base64'), { mode: 0o600 });
    return secret;
  }
}

/** The visitor-token key, derived from the kept local secret so visitors stay signed in across restarts. */
export const localVisitorSecret = (authSecret: Uint8Array): Uint8Array =>
  createHmac('sha256', authSecret).update('baton visitor tokens').digest();

/**
 * The calendar-token key, derived from the same kept secret: generated per data folder (never in the
 * repository), so tokens sealed by one run open in the next; an in-memory run's die with it.
 */
export const localTokenKey = (authSecret: Uint8Array): Uint8Array =>
  createHmac('sha256', authSecret).update('baton calendar tokens').digest();

/** Who a local token speaks for: the same claims the verifier reads (roles, sites, repId). */
export interface LocalUser {
  userId: string;
  name?: string | null;
  roles: Role[];
  /** Site keys, or ['*'] for an admin of every site. */
  sites: string[];
  repId?: string | null;
}

export function issueLocalToken(secret: Uint8Array, user: LocalUser, ttl: string | number = '12h'): Promise<string> {
  return new SignJWT({
    roles: user.roles,
    sites: user.sites,
    ...(user.repId ? { repId: user.repId } : {}),
    ...(user.name ? { name: user.name } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(secret);
}

const SESSION_SECONDS = 12 * 60 * 60;

/**
 * Console sessions: the same kind of token npm start prints, valid 12 hours. Expiry is wall-clock time
 * because the verifier (jose) checks it against the wall clock.
 */
export function localSessionIssuer(secret: Uint8Array): SessionIssuer {
  return {
    async issue(person) {
      const expiresAt = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
      return {
        token: await issueLocalToken(secret, person, expiresAt),
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      };
    },
  };
}
