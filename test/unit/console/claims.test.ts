import { describe, expect, it } from 'vitest';
import { claimsOf, userFromClaims } from '../../../console/src/claims.js';

describe('who the console thinks is signed in', () => {
  it('reads roles, sites and the rep from a local token', () => {
    expect(
      userFromClaims({ sub: 'ana', name: 'Ana', roles: ['rep', 'pilot'], sites: ['demo'], repId: 'rep-ana' }),
    ).toEqual({ userId: 'ana', name: 'Ana', roles: ['rep'], sites: ['demo'], repId: 'rep-ana' });
  });

  it('reads site-scoped Cognito groups and the custom repId attribute', () => {
    expect(
      userFromClaims({
        sub: 'abc',
        email: 'ana@acme.test',
        'cognito:groups': ['site:demo:rep', 'site:shop:sales', 'site:shop:wizard', 'unrelated'],
        'custom:repId': 'rep-ana',
      }),
    ).toEqual({
      userId: 'abc',
      name: 'ana@acme.test',
      roles: ['rep', 'sales'],
      sites: ['demo', 'shop'],
      repId: 'rep-ana',
    });
  });

  it('gives a plain admin group every site and an empty repId no rep', () => {
    expect(userFromClaims({ sub: 'root', 'cognito:groups': ['admin'], 'custom:repId': '' })).toEqual({
      userId: 'root',
      name: null,
      roles: ['admin'],
      sites: ['*'],
      repId: null,
    });
  });

  it('decodes a JWT payload written in base64url with non-ASCII text', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'c', name: 'Carla Méndez ✓' })).toString('base64url');

    expect(claimsOf(`header.${payload}.signature`)).toEqual({ sub: 'c', name: 'Carla Méndez ✓' });
  });
});
