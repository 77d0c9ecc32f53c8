import { describe, expect, it, vi } from 'vitest';
import { latestFor, servingSecretsOf, visitorSessionsOf } from '../../../functions/composition/serving-secrets.js';

const config = {
  BATON_VISITOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:visitor',
  BATON_EDGE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:edge',
  BATON_SECRETS_MAX_AGE_SECONDS: 300,
};

describe('the secrets of the functions that serve visitors', () => {
  it('reads the visitor-token and edge secrets by the ARNs the stack gave', async () => {
    const read = vi.fn(async (id: string) => `value of ${id.split(':').at(-1)}`);

    await expect(servingSecretsOf(config, read)()).resolves.toEqual({
      visitor: 'value of visitor',
      edge: 'value of edge',
    });
    expect(read.mock.calls.map(([id]) => id).sort()).toEqual([
      config.BATON_EDGE_SECRET_ARN,
      config.BATON_VISITOR_SECRET_ARN,
    ]);
  });

  it('trusts no edge header where no edge secret is configured', async () => {
    const read = vi.fn(async () => 'visitor-value');

    await expect(servingSecretsOf({ ...config, BATON_EDGE_SECRET_ARN: undefined }, read)()).resolves.toEqual({
      visitor: 'visitor-value',
      edge: undefined,
    });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('builds the app again only when the secret changed (a rotation), else reuses it', () => {
    const build = vi.fn((secret: string) => ({ signsWith: secret }));
    const appFor = latestFor(build);

    const first = appFor('secret-one-of-at-least-32-characters!');
    expect(appFor('secret-one-of-at-least-32-characters!')).toBe(first);
    expect(appFor('secret-two-of-at-least-32-characters!')).toEqual({
      signsWith: 'secret-two-of-at-least-32-characters!',
    });
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('signs with the rotated secret: a token of the old one no longer verifies', () => {
    const now = new Date('2026-11-26T09:00:00.000Z');
    const session = { siteKey: 'test-site', visitorId: '01JABCDEFGHJKMNPQRSTVWXYZ0' };
    const before = visitorSessionsOf('the-secret-before-rotation-32-chars!');
    const after = visitorSessionsOf('the-secret-after-rotation-of-32-chars');

    const token = before.issue(session, now);

    expect(before.verify(token, now)).toEqual(session);
    expect(() => after.verify(token, now)).toThrow(/not issued by this deployment/);
  });
});
