import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

export function issueLocalToken(
  secret: Uint8Array,
  user: { userId: string; name?: string; roles: Role[] },
  ttl = '12h',
): Promise<string> {
  return new SignJWT({ roles: user.roles, ...(user.name ? { name: user.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(secret);
}
