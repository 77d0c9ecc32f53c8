import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, expiryOf, isExpired, retentionOf } from '../../../../functions/core/privacy/retention.js';

describe('retention', () => {
  it.each([
    ['no setting: the default', {}, DEFAULT_RETENTION],
    ['both set', { retention: { conversationDays: 30, visitorDays: 90 } }, { conversationDays: 30, visitorDays: 90 }],
    ['one set, the other default', { retention: { visitorDays: 7 } }, { conversationDays: 395, visitorDays: 7 }],
  ])('%s', (_, site, expected) => {
    expect(retentionOf(site)).toEqual(expected);
  });

  it.each([
    ['a whole second', '2026-11-26T05:00:00.000Z', 30, Date.parse('2026-12-26T05:00:00.000Z') / 1000],
    [
      'a millisecond past a second: rounded up',
      '2026-11-26T05:00:00.001Z',
      1,
      Date.parse('2026-11-27T05:00:01.000Z') / 1000,
    ],
    ['a millisecond before a second', '2026-11-26T04:59:59.999Z', 1, Date.parse('2026-11-27T05:00:00.000Z') / 1000],
  ])('expires %s after the given days', (_, from, days, expected) => {
    expect(expiryOf(from, days)).toBe(expected);
  });

  const expiresAt = Date.parse('2026-12-26T05:00:00.000Z') / 1000;
  it.each([
    ['no expiry', undefined, '2099-01-01T00:00:00.000Z', false],
    ['one millisecond before', expiresAt, '2026-12-26T04:59:59.999Z', false],
    ['at expiry', expiresAt, '2026-12-26T05:00:00.000Z', true],
    ['after expiry', expiresAt, '2026-12-26T05:00:00.001Z', true],
  ])('%s: expired %s', (_, at, now, expected) => {
    expect(isExpired(at, new Date(now))).toBe(expected);
  });
});
