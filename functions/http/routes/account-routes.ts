import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { importAccounts, RowsRejectedError } from '../../app/import-accounts.js';
import { MalformedFileError, parseAccountCsv } from '../../app/parse-account-file.js';
import { notFound } from '../../app/errors.js';
import type { AppEnv } from '../app-env.js';
import { authorize } from '../middleware/authorize.js';
import { ProblemError } from '../problem.js';
import {
  AccountCsv,
  AccountPageSchema,
  ImportAccountsJsonBody,
  ImportAccountsQuery,
  ImportAccountsResult,
  ListAccountsQuery,
  SiteKeyParam,
} from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';

const tags = ['Accounts'];

const importAccountsRoute = createRoute({
  operationId: 'importAccounts',
  method: 'post',
  path: '/v1/sites/{siteKey}/accounts',
  tags,
  summary: "Import marketing's account list (CSV or JSON), validated row by row",
  description:
    'Columns: domain (required), name (required), employees, industry, country (ISO alpha-2), region, tier, ownerRepId. Accounts are upserted by domain. Bad rows are reported with their line; with onError=reject nothing is imported when any row is bad (422).',
  middleware: [authorize({ roles: ['marketing'], site: 'param' })],
  request: {
    params: SiteKeyParam,
    query: ImportAccountsQuery,
    body: {
      required: false,
      content: {
        'application/json': { schema: ImportAccountsJsonBody },
        'text/csv': { schema: AccountCsv },
      },
    },
  },
  responses: {
    200: {
      description: 'Imported; rejected lists the rows left out',
      content: { 'application/json': { schema: ImportAccountsResult } },
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

const listAccountsRoute = createRoute({
  operationId: 'listAccounts',
  method: 'get',
  path: '/v1/sites/{siteKey}/accounts',
  tags,
  summary: 'List the imported accounts, by domain',
  middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
  request: { params: SiteKeyParam, query: ListAccountsQuery },
  responses: {
    200: { description: 'A page of accounts', content: { 'application/json': { schema: AccountPageSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerAccountRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(importAccountsRoute, async (c) => {
    const { siteKey } = c.req.valid('param');
    const { onError } = c.req.valid('query');
    const isCsv = /^text\/csv\b/i.test(c.req.header('content-type') ?? '');
    let rows: Array<{ line: number; record: unknown }>;
    if (isCsv) {
      try {
        rows = await parseAccountCsv(await c.req.text());
      } catch (error) {
        if (!(error instanceof MalformedFileError)) throw error;
        throw new ProblemError({
          title: 'Malformed CSV file',
          status: 400,
          detail: `${error.line ? `Line ${error.line}: ` : ''}${error.message}. Nothing was imported.`,
          errors: [{ pointer: error.line ? `/lines/${error.line}` : '/', in: 'body', detail: error.message }],
        });
      }
    } else {
      const body = c.req.valid('json') as { accounts?: unknown[] };
      if (!body.accounts)
        throw new ProblemError({
          title: 'Empty import',
          status: 400,
          detail: 'Send text/csv, or JSON as {"accounts": [...]}.',
        });
      rows = body.accounts.map((record, index) => ({ line: index + 1, record }));
    }
    try {
      return c.json(await importAccounts(c.get('deps'), { siteKey, rows, onError }), 200);
    } catch (error) {
      if (!(error instanceof RowsRejectedError)) throw error;
      throw new ProblemError({ title: error.title, status: 422, detail: error.message, rejected: error.rejected });
    }
  });

  app.openapi(listAccountsRoute, async (c) => {
    const { siteKey } = c.req.valid('param');
    if (!(await c.get('deps').sites.get(siteKey))) throw notFound('Unknown site', `No site has the key "${siteKey}".`);
    return c.json(await c.get('deps').accounts.list(siteKey, c.req.valid('query')), 200);
  });
}
