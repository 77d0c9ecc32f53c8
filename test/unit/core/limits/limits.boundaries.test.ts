import { describe, expect, it } from 'vitest';
import {
  type AbuseLimits,
  bookingCountersOf,
  defaultAbuseLimits,
  mayTakeTurn,
  rateCountersOf,
} from '../../../../functions/core/limits/abuse-limits.js';
import { clientSubjectOf } from '../../../../functions/core/limits/client-subject.js';
import { rateWindowOf, secondsUntil } from '../../../../functions/core/limits/rate-window.js';

const at = (iso: string) => new Date(iso);

describe('rateWindowOf: fixed windows aligned on the epoch', () => {
  it.each([
    [
      'the first instant of a window',
      '2026-11-26T10:00:00.000Z',
      60,
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T10:01:00.000Z',
    ],
    [
      'the last millisecond of a window',
      '2026-11-26T10:00:59.999Z',
      60,
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T10:01:00.000Z',
    ],
    [
      'the end of one window is the next one',
      '2026-11-26T10:01:00.000Z',
      60,
      '2026-11-26T10:01:00.000Z',
      '2026-11-26T10:02:00.000Z',
    ],
    ['a ten-second window', '2026-11-26T10:00:19.500Z', 10, '2026-11-26T10:00:10.000Z', '2026-11-26T10:00:20.000Z'],
    [
      'a day is the UTC day: just before midnight',
      '2026-11-26T23:59:59.999Z',
      86_400,
      '2026-11-26T00:00:00.000Z',
      '2026-11-27T00:00:00.000Z',
    ],
    [
      'a day is the UTC day: midnight starts the next',
      '2026-11-27T00:00:00.000Z',
      86_400,
      '2026-11-27T00:00:00.000Z',
      '2026-11-28T00:00:00.000Z',
    ],
  ])('%s', (_case, now, seconds, id, end) => {
    expect(rateWindowOf(at(now), seconds)).toEqual({ id, end: at(end) });
  });
});

describe('secondsUntil: Retry-After in whole seconds, rounded up, at least one', () => {
  it.each([
    ['a whole minute ahead', '2026-11-26T10:00:00.000Z', 60],
    ['one millisecond more than 59 s', '2026-11-26T10:00:00.999Z', 60],
    ['exactly 59 s', '2026-11-26T10:00:01.000Z', 59],
    ['one millisecond left', '2026-11-26T10:00:59.999Z', 1],
    ['no time left', '2026-11-26T10:01:00.000Z', 1],
    ['already past', '2026-11-26T10:01:30.000Z', 1],
  ])('%s', (_case, now, seconds) => {
    expect(secondsUntil(at(now), at('2026-11-26T10:01:00.000Z'))).toBe(seconds);
  });
});

const limits: AbuseLimits = {
  perIp: { limit: 5, windowSeconds: 60 },
  perVisitor: { limit: 3, windowSeconds: 10 },
  perSite: { limit: 100, windowSeconds: 60 },
  bookingsPerEmailPerDay: 2,
  bookingsPerIpPerDay: 4,
  turnsPerConversation: 3,
};
const now = at('2026-11-26T10:00:15.000Z');
const minute = { id: '2026-11-26T10:00:00.000Z', end: at('2026-11-26T10:01:00.000Z') };

describe('rateCountersOf: the counters one public request takes', () => {
  it.each([
    [
      'an address alone (a first call naming no site)',
      { ip: '192.0.2.1' },
      [{ subject: 'ip#192.0.2.1', window: minute, limit: 5 }],
    ],
    [
      'address, visitor and site, each with its own limit and window',
      { ip: '192.0.2.1', visitor: 'v1', siteKey: 'acme' },
      [
        { subject: 'ip#192.0.2.1', window: minute, limit: 5 },
        {
          subject: 'visitor#v1',
          window: { id: '2026-11-26T10:00:10.000Z', end: at('2026-11-26T10:00:20.000Z') },
          limit: 3,
        },
        { subject: 'site#acme', window: minute, limit: 100 },
      ],
    ],
    [
      'an address and a site (a first call)',
      { ip: '192.0.2.1', siteKey: 'acme' },
      [
        { subject: 'ip#192.0.2.1', window: minute, limit: 5 },
        { subject: 'site#acme', window: minute, limit: 100 },
      ],
    ],
    [
      'empty names count as unknown, not as a subject',
      { ip: 'unknown', visitor: '', siteKey: '' },
      [{ subject: 'ip#unknown', window: minute, limit: 5 }],
    ],
  ])('%s', (_case, requester, counters) => {
    expect(rateCountersOf(limits, requester, now)).toEqual(counters);
  });
});

describe('bookingCountersOf: per email and per address, per UTC day and site', () => {
  it('counts both in the UTC day of the booking', () => {
    const day = { id: '2026-11-26T00:00:00.000Z', end: at('2026-11-27T00:00:00.000Z') };
    expect(
      bookingCountersOf(limits, { siteKey: 'acme', emailHash: 'abc', ip: '192.0.2.1' }, at('2026-11-26T23:59:59.999Z')),
    ).toEqual([
      { subject: 'booking-email#acme#abc', window: day, limit: 2 },
      { subject: 'booking-ip#acme#192.0.2.1', window: day, limit: 4 },
    ]);
  });

  it('starts a new day at midnight UTC, whatever the site or visitor zone', () => {
    const counters = bookingCountersOf(
      limits,
      { siteKey: 'acme', emailHash: 'abc', ip: '192.0.2.1' },
      at('2026-11-27T00:00:00.000Z'),
    );
    expect(counters.map((counter) => counter.window.id)).toEqual([
      '2026-11-27T00:00:00.000Z',
      '2026-11-27T00:00:00.000Z',
    ]);
  });
});

describe('mayTakeTurn: turns per conversation', () => {
  it.each([
    [0, true],
    [2, true],
    [3, false],
    [4, false],
  ])('after %i turns with a limit of 3: %s', (turns, allowed) => {
    expect(mayTakeTurn(limits, turns)).toBe(allowed);
  });
});

describe('defaultAbuseLimits', () => {
  it('keeps a visitor below their address and an address below the site', () => {
    const { perIp, perVisitor, perSite } = defaultAbuseLimits;
    expect(perVisitor.limit).toBeLessThan(perIp.limit);
    expect(perIp.limit).toBeLessThan(perSite.limit);
    expect([perIp.windowSeconds, perVisitor.windowSeconds, perSite.windowSeconds]).toEqual([60, 60, 60]);
  });
});

describe('clientSubjectOf: what a per-address limit counts', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['IPv4 with spaces around', ' 203.0.113.7 ', '203.0.113.7'],
    ['IPv4 with an octet over 255 is no address', '203.0.113.256', 'unknown'],
    ['IPv4 with a leading zero is no address', '203.0.113.07', 'unknown'],
    ['IPv4 with three octets is no address', '203.0.113', 'unknown'],
    ['the highest IPv4 octets', '255.250.249.199', '255.250.249.199'],
    ['IPv4-mapped IPv6 is the IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['IPv4-mapped IPv6 in hex is the IPv4 address', '::ffff:cb00:7107', '203.0.113.7'],
    ['IPv6 by its /64', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['another address of the same /64', '2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['the next /64 is another subject', '2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['IPv6 in capitals and with leading zeros', '2001:0DB8:0001:0002::1', '2001:db8:1:2::/64'],
    ['IPv6 in brackets with a zone', '[fe80::1%eth0]', 'fe80:0:0:0::/64'],
    ['IPv6 loopback', '::1', '0:0:0:0::/64'],
    ['IPv6 with an IPv4 tail', '64:ff9b::203.0.113.7', '64:ff9b:0:0::/64'],
    ['two :: is no address', '2001::db8::1', 'unknown'],
    ['nine groups is no address', '1:2:3:4:5:6:7:8:9', 'unknown'],
    ['seven groups without :: is no address', '1:2:3:4:5:6:7', 'unknown'],
    [':: with all eight groups is no address', '1:2:3:4::5:6:7:8', 'unknown'],
    ['a group of five digits is no address', '12345::1', 'unknown'],
    ['a name', 'localhost', 'unknown'],
    ['nothing', '', 'unknown'],
    ['no address at all', undefined, 'unknown'],
  ])('%s', (_case, address, subject) => {
    expect(clientSubjectOf(address)).toBe(subject);
  });
});
