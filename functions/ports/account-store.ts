import type { Account } from '../core/enrichment/account.js';

export interface AccountPage {
  accounts: Account[];
  nextCursor: string | null;
}

export interface AccountStore {
  /** Upserts by domain; returns how many were written. */
  putMany(siteKey: string, accounts: readonly Account[]): Promise<number>;
  findByDomain(siteKey: string, domain: string): Promise<Account | null>;
  findByNormalizedName(siteKey: string, normalizedName: string): Promise<Account | null>;
  list(siteKey: string, options: { limit: number; cursor?: string | undefined }): Promise<AccountPage>;
}
