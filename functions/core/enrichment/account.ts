import { z } from 'zod';
import { normalizeCompanyName, normalizeDomain } from './normalize.js';

const optionalText = (max: number) =>
  z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value,
    z.string().max(max).optional(),
  );

const optionalCount = z.preprocess(
  (value) =>
    value === '' || value === null || value === undefined
      ? undefined
      : typeof value === 'string'
        ? Number(value.replace(/[,_\s]/g, ''))
        : value,
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(10_000_000)
    .optional(),
);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
// "EU" and "UK" are names Intl knows but not ISO 3166-1 country codes.
const NOT_COUNTRIES = new Set(['EU', 'UK', 'UN', 'EZ', 'ZZ', 'QO']);

function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regionNames.of(code) !== code;
}

/** One row of marketing's account list, as imported from CSV or JSON. */
const AccountRow = z
  .object({
    domain: z.string({ error: 'is required' }).transform((value, ctx) => {
      const domain = normalizeDomain(value);
      if (domain === null) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a domain` });
        return z.NEVER;
      }
      return domain;
    }),
    name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200),
    employees: optionalCount,
    industry: optionalText(120),
    country: z.preprocess(
      (value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim().toUpperCase()) : value),
      z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 code such as US or BR').optional(),
    ),
    region: optionalText(120),
    tier: optionalText(40),
    ownerRepId: optionalText(120),
  })
  .strip();

export interface Account {
  domain: string;
  name: string;
  normalizedName: string;
  employees: number | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  tier: string | null;
  ownerRepId: string | null;
}

export interface RowError {
  /** Line in a CSV file (the header is line 1), or position in a JSON array (the first is 1). */
  line: number;
  errors: Array<{ field: string; message: string }>;
}

/** Checks every row on its own: good rows become accounts, each bad row is reported with its line; a repeated domain is an error on the later line. */
export function validateAccountRows(rows: ReadonlyArray<{ line: number; record: unknown }>): {
  accounts: Account[];
  rejected: RowError[];
} {
  const accounts: Account[] = [];
  const rejected: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { line, record } of rows) {
    const parsed = AccountRow.safeParse(record);
    if (!parsed.success) {
      rejected.push({
        line,
        errors: parsed.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(row)',
          message: issue.message,
        })),
      });
      continue;
    }
    const earlier = seen.get(parsed.data.domain);
    if (earlier !== undefined) {
      rejected.push({
        line,
        errors: [{ field: 'domain', message: `"${parsed.data.domain}" is already on line ${earlier}` }],
      });
      continue;
    }
    seen.set(parsed.data.domain, line);
    const row = parsed.data;
    accounts.push({
      domain: row.domain,
      name: row.name,
      normalizedName: normalizeCompanyName(row.name),
      employees: row.employees ?? null,
      industry: row.industry ?? null,
      country: row.country ?? null,
      region: row.region ?? null,
      tier: row.tier ?? null,
      ownerRepId: row.ownerRepId ?? null,
    });
  }
  return { accounts, rejected };
}
