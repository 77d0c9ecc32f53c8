import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../../functions/core/iso-instant.js';

const FIRST = Date.parse('0000-01-01T00:00:00.000Z');
const LAST = Date.parse('9999-12-31T23:59:59.999Z');

describe('isoInstant', () => {
  it('writes every instant of years 0 to 9999 as toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (time) => {
        expect(isoInstant(new Date(time))).toBe(new Date(time).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    '0000-01-01T00:00:00.000Z',
    '0000-02-29T23:59:59.999Z',
    '0000-03-01T00:00:00.000Z',
    '1899-12-31T23:59:59.999Z',
    '1900-02-28T12:00:00.000Z',
    '1900-03-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00.000Z',
    '1970-01-01T00:00:00.001Z',
    '2000-02-29T00:00:00.010Z',
    '2024-02-29T23:59:59.100Z',
    '2026-11-25T17:00:00.000Z',
    '2100-02-28T23:59:59.999Z',
    '2100-03-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
  ])('writes %s back as it was read', (iso) => {
    expect(isoInstant(new Date(iso))).toBe(iso);
  });

  it('writes the years outside 0 to 9999 with a sign and six digits, as toISOString does', () => {
    expect(isoInstant(new Date(FIRST - 1))).toBe('-000001-12-31T23:59:59.999Z');
    expect(isoInstant(new Date(LAST + 1))).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoInstant(new Date(8.64e15))).toBe(new Date(8.64e15).toISOString());
  });

  it('refuses an invalid date as toISOString does', () => {
    expect(() => isoInstant(new Date(Number.NaN))).toThrow(RangeError);
  });
});
