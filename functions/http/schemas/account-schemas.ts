import { z } from '@hono/zod-openapi';
import { SiteKey } from '../../core/conversation/site.js';

export const SiteKeyParam = z.object({
  siteKey: SiteKey.describe('site key').openapi({ param: { name: 'siteKey', in: 'path' }, example: 'demo' }),
});

export const ImportAccountsQuery = z.object({
  onError: z.enum(['skip', 'reject']).default('skip').openapi({
    description:
      'skip: import the good rows and report the bad ones (default); reject: import nothing when any row is bad.',
  }),
});

export const ImportAccountsJsonBody = z
  .object({
    accounts: z
      .array(z.unknown())
      .max(50_000)
      .openapi({ description: 'Rows with domain, name, employees, industry, country, region, tier, ownerRepId.' }),
  })
  .strict()
  .openapi('ImportAccountsRequest');

const RowErrorSchema = z
  .object({
    line: z
      .number()
      .int()
      .openapi({ description: 'CSV line (the header is line 1) or 1-based position in the JSON array.' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .openapi('RowError');

export const ImportAccountsResult = z
  .object({ received: z.number().int(), imported: z.number().int(), rejected: z.array(RowErrorSchema) })
  .openapi('ImportAccountsResult');

const AccountSchema = z
  .object({
    domain: z.string(),
    name: z.string(),
    normalizedName: z.string(),
    employees: z.number().int().nullable(),
    industry: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    tier: z.string().nullable(),
    ownerRepId: z.string().nullable(),
  })
  .openapi('Account');

export const ListAccountsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/)
    .optional(),
});

export const AccountPageSchema = z
  .object({ accounts: z.array(AccountSchema), nextCursor: z.string().nullable() })
  .openapi('AccountPage');

export const AccountCsv = z.string().openapi({
  description: 'A CSV file with a header row.',
  example: 'domain,name,employees,industry,country,tier,ownerRepId\nacme.io,Acme,500,Software,US,1,rep-ana',
});
