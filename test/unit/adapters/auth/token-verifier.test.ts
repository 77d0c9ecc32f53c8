import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { JoseTokenVerifier } from '../../../../functions/adapters/auth/token-verifier.jose.js';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256');
const verifier = (now = new Date('2026-11-25T10:00:00Z')) =>
  new JoseTokenVerifier({ kind: 'secret', secret, issuer: 'iss', audience: 'aud', now: () => now });
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const token = (claims: Record<string, unknown>, iat = '2026-11-25T09:00:00Z', exp = '2026-11-25T11:00:00Z') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u-1')
    .setIssuer('iss')
    .setAudience('aud')
    .setIssuedAt(at(iat))
    .setExpirationTime(at(exp))
    .sign(secret);

describe('the token verifier', () => {
  it('reads Cognito groups site:<siteKey>:<role> as sites and roles, and custom:repId as the rep', async () => {
    const principal = await verifier().verify(
      await token({
        'cognito:groups': ['site:acme:rep', 'site:beta:rep', 'admins', 'site:Bad Key:rep'],
        'custom:repId': 'rep-ana',
      }),
    );
    expect(principal).toEqual({ userId: 'u-1', name: null, roles: ['rep'], sites: ['acme', 'beta'], repId: 'rep-ana' });
  });

  it("grants every site only to admins: '*' with another role covers nothing", async () => {
    expect((await verifier().verify(await token({ roles: ['marketing'], sites: ['*'] }))).sites).toEqual([]);
    expect((await verifier().verify(await token({ roles: ['admin'], sites: ['*'] }))).sites).toEqual(['*']);
  });

  it('accepts a token up to 30 seconds after its expiry (clock skew), not at 30', async () => {
    const expiring = await token({ roles: ['rep'] }, '2026-11-25T09:00:00Z', '2026-11-25T10:00:00Z');
    await expect(verifier(new Date('2026-11-25T10:00:29Z')).verify(expiring)).resolves.toMatchObject({ userId: 'u-1' });
    await expect(verifier(new Date('2026-11-25T10:00:30Z')).verify(expiring)).rejects.toThrow('expired');
  });

  it('refuses a token issued more than a day ago, whatever its expiry says', async () => {
    const old = await token({ roles: ['rep'] }, '2026-11-24T09:00:00Z', '2026-11-26T09:00:00Z');
    await expect(verifier().verify(old)).rejects.toThrow('expired');
  });
});
