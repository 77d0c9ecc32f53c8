import { describe, expect, it } from 'vitest';
import { validateAccountRows } from '../../../../functions/core/enrichment/account.js';
import { emailDomain, normalizeCompanyName, normalizeDomain } from '../../../../functions/core/enrichment/normalize.js';

describe('normalizing', () => {
  it.each([
    ['https://www.Acme.io/about', 'acme.io'],
    ['ACME.IO.', 'acme.io'],
    ['sub.acme.co.uk:8080', 'sub.acme.co.uk'],
    ['not a domain', null],
    ['localhost', null],
  ])('domain %s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each([
    ['Acme, Inc.', 'acme'],
    ['ACME Incorporated', 'acme'],
    ['The Acme Company', 'acme'],
    ['Umbrella Lda', 'umbrella'],
    ['São Paulo Tecnologia S.A.', 'sao paulo tecnologia'],
    ['AT&T', 'at and t'],
  ])('company name %s → %s', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it('takes the domain of an email address', () => {
    expect(emailDomain('Ana@Globex.com')).toBe('globex.com');
    expect(emailDomain('no-at-sign')).toBeNull();
  });
});

describe('validateAccountRows', () => {
  it('keeps the good rows and reports each bad one with its line and fields', () => {
    const { accounts, rejected } = validateAccountRows([
      {
        line: 2,
        record: {
          domain: 'https://globex.com',
          name: 'Globex Corp',
          employees: '1,200',
          industry: 'Software',
          country: 'us',
          tier: '1',
          ownerRepId: 'rep-ana',
        },
      },
      { line: 3, record: { domain: 'not a domain', name: '', employees: 'many', country: 'Portugal' } },
      { line: 4, record: { domain: 'initech.io', name: 'Initech', employees: '' } },
      { line: 5, record: { domain: 'GLOBEX.COM', name: 'Globex again' } },
    ]);

    expect(accounts).toEqual([
      {
        domain: 'globex.com',
        name: 'Globex Corp',
        normalizedName: 'globex',
        employees: 1200,
        industry: 'Software',
        country: 'US',
        region: null,
        tier: '1',
        ownerRepId: 'rep-ana',
      },
      {
        domain: 'initech.io',
        name: 'Initech',
        normalizedName: 'initech',
        employees: null,
        industry: null,
        country: null,
        region: null,
        tier: null,
        ownerRepId: null,
      },
    ]);
    expect(rejected).toEqual([
      {
        line: 3,
        errors: [
          { field: 'domain', message: '"not a domain" is not a domain' },
          { field: 'name', message: 'is required' },
          { field: 'employees', message: 'must be a whole number' },
          { field: 'country', message: 'must be an ISO 3166-1 alpha-2 code such as US or BR' },
        ],
      },
      { line: 5, errors: [{ field: 'domain', message: '"globex.com" is already on line 2' }] },
    ]);
  });
});
