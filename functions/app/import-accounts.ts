import { validateAccountRows, type RowError } from '../core/enrichment/account.js';
import type { Dependencies } from './dependencies.js';
import { DomainError, notFound } from './errors.js';

export interface ImportAccountsInput {
  siteKey: string;
  rows: ReadonlyArray<{ line: number; record: unknown }>;
  /** skip: keep the good rows and report the bad ones; reject: import nothing when any row is bad. */
  onError: 'skip' | 'reject';
}

export interface ImportAccountsResult {
  received: number;
  imported: number;
  rejected: RowError[];
}

export class RowsRejectedError extends DomainError {
  constructor(readonly rejected: RowError[]) {
    super('invalid', 'Account list rejected', `${rejected.length} row(s) are invalid; nothing was imported.`);
  }
}

export async function importAccounts(
  deps: Pick<Dependencies, 'sites' | 'accounts'>,
  input: ImportAccountsInput,
): Promise<ImportAccountsResult> {
  if (!(await deps.sites.get(input.siteKey))) throw notFound('Unknown site', `No site has the key "${input.siteKey}".`);
  const { accounts, rejected } = validateAccountRows(input.rows);
  if (input.onError === 'reject' && rejected.length > 0) throw new RowsRejectedError(rejected);
  const imported = await deps.accounts.putMany(input.siteKey, accounts);
  return { received: input.rows.length, imported, rejected };
}
