import { describe, expect, it } from 'vitest';
import { validateAccountRows } from '../../../../functions/core/enrichment/account.js';

const one = (record: Record<string, unknown>) =>
  validateAccountRows([{ line: 2, record: { domain: 'acme.io', name: 'Acme', ...record } }]);
const account = (record: Record<string, unknown>) => one(record).accounts[0];
const errorsOf = (record: unknown) => validateAccountRows([{ line: 7, record }]).rejected;

describe('an account row, field by field', () => {
  it.each([
    ['trims text fields', { industry: '  Software  ', region: ' EMEA ', tier: ' 1 ', ownerRepId: ' rep-ana ' }],
    ['reads blank text fields as unknown', { industry: '   ', region: '', tier: ' ', ownerRepId: '' }],
  ])('%s', (_, record) => {
    const trimmed = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

    expect(account(record)).toEqual(
      expect.objectContaining({
        industry: trimmed(record.industry),
        region: trimmed(record.region),
        tier: trimmed(record.tier),
        ownerRepId: trimmed(record.ownerRepId),
      }),
    );
  });

  it('measures a text field’s length after trimming', () => {
    expect(account({ tier: ` ${'t'.repeat(40)} ` })?.tier).toBe('t'.repeat(40));
    expect(one({ tier: 't'.repeat(41) }).rejected).toHaveLength(1);
  });

  it.each([
    ['', null],
    [null, null],
    [undefined, null],
    ['0', 0],
    [0, 0],
    ['1 200', 1200],
    ['1_200', 1200],
    ['10,000,000', 10_000_000],
  ])('reads an employee count of %j as %j', (employees, count) => {
    expect(account({ employees })?.employees).toBe(count);
  });

  it.each([['-1'], ['1.5'], ['many'], ['10000001']])('refuses an employee count of %j', (employees) => {
    expect(one({ employees }).rejected).toEqual([
      { line: 2, errors: [expect.objectContaining({ field: 'employees' })] },
    ]);
  });

  it.each([
    [' pt ', 'PT'],
    ['', null],
    ['  ', null],
    [undefined, null],
  ])('reads the country %j as %j', (country, code) => {
    expect(account({ country })?.country).toBe(code);
  });

  it.each([['EU'], ['UK'], ['XX'], ['PRT'], ['P1']])('refuses %j, which is no ISO 3166-1 country', (country) => {
    expect(one({ country }).rejected).toEqual([
      { line: 2, errors: [{ field: 'country', message: 'must be an ISO 3166-1 alpha-2 code such as US or BR' }] },
    ]);
  });

  it('names the domain it could not read', () => {
    expect(one({ domain: 'nope' }).rejected).toEqual([
      { line: 2, errors: [{ field: 'domain', message: '"nope" is not a domain' }] },
    ]);
  });

  it('reports a row that is no record as a problem of the whole row', () => {
    expect(errorsOf('just text')).toEqual([{ line: 7, errors: [{ field: '(row)', message: expect.any(String) }] }]);
  });
});
