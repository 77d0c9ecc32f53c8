import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { HmacVisitorSessions } from '../../../../functions/adapters/auth/visitor-sessions.hmac.js';
import { InvalidVisitorTokenError } from '../../../../functions/ports/visitor-sessions.js';

const secret = new TextEncoder().encode('a-visitor-secret-of-at-least-32-bytes!');
const NOW = new Date('2026-11-26T10:00:00.000Z');
const ana = { siteKey: 'test-site', visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3AV01' };
const ben = { siteKey: 'test-site', visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3AV02' };

describe('visitor tokens signed with the server secret', () => {
  const sessions = new HmacVisitorSessions({ secret, lifetimeSeconds: 3600 });

  it('gives back the site and visitor of a token it issued', () => {
    expect(sessions.verify(sessions.issue(ana, NOW), NOW)).toEqual(ana);
  });

  it('accepts a token up to the last second of its lifetime and refuses it from the expiry on', () => {
    const token = sessions.issue(ana, NOW);

    expect(sessions.verify(token, new Date(NOW.getTime() + 3599_000))).toEqual(ana);
    expect(() => sessions.verify(token, new Date(NOW.getTime() + 3600_000))).toThrow(InvalidVisitorTokenError);
  });

  it('refuses a token with any part changed: another visitor, another site, a later expiry, another signature', () => {
    const [version, site, visitor, expires, signature] = sessions.issue(ana, NOW).split('.') as [
      string,
      string,
      string,
      string,
      string,
    ];
    const altered = [
      [version, site, ben.visitorId, expires, signature],
      [version, 'other-site', visitor, expires, signature],
      [version, site, visitor, String(Number(expires) + 86_400), signature],
      [version, site, visitor, expires, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`],
    ].map((parts) => parts.join('.'));

    for (const token of altered) expect(() => sessions.verify(token, NOW), token).toThrow(InvalidVisitorTokenError);
  });

  it('refuses a token signed with another secret, and malformed ones', () => {
    const elsewhere = new HmacVisitorSessions({ secret: new TextEncoder().encode('b'.repeat(32)) });

    for (const token of [elsewhere.issue(ana, NOW), '', 'v1.test-site', 'x'.repeat(200)])
      expect(() => sessions.verify(token, NOW)).toThrow(InvalidVisitorTokenError);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new HmacVisitorSessions({ secret: new Uint8Array(31) })).toThrow(/32 bytes/);
  });
});

describe('conversation ids bound to their visitor', () => {
  const sessions = new HmacVisitorSessions({ secret });

  it('are ULIDs of the moment, owned by the visitor who started them and by nobody else', () => {
    const id = sessions.newConversationId(ana, NOW);

    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(id)).toBe(NOW.getTime());
    expect(sessions.ownsConversation(ana, id)).toBe(true);
    expect(sessions.ownsConversation(ben, id)).toBe(false);
    expect(sessions.ownsConversation({ ...ana, siteKey: 'other-site' }, id)).toBe(false);
  });

  it('differ for two conversations of the same visitor in the same millisecond', () => {
    expect(sessions.newConversationId(ana, NOW)).not.toBe(sessions.newConversationId(ana, NOW));
  });

  it('are not owned when any character changes, nor when malformed', () => {
    const id = sessions.newConversationId(ana, NOW);
    const changed = [...id].map((char, index) => id.slice(0, index) + (char === '0' ? '1' : '0') + id.slice(index + 1));

    expect(changed.filter((other) => sessions.ownsConversation(ana, other))).toEqual([]);
    expect(sessions.ownsConversation(ana, 'not-a-ulid')).toBe(false);
  });
});
