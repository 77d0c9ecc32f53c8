import type { Account } from '../core/enrichment/account.js';
import type { RoutingExclusion } from '../core/visitors/visitor-profile.js';

export interface AccountPage {
  accounts: Account[];
  nextCursor: string | null;
}

export interface AccountStore {
  /** Upserts by domain; returns how many were written. */
  putMany(siteKey: string, accounts: readonly Account[]): Promise<number>;
  findByDomain(siteKey: string, domain: string): Promise<Account | null>;
  /**
   * The account of a domain and whether an email or domain is excluded from routing, in one read (the
   * chat turn that identifies a visitor is also the one that routes it). Null keys are not looked up.
   */
  findForContact(
    siteKey: string,
    keys: { accountDomain: string | null; email: string | null; domain: string | null },
  ): Promise<{ account: Account | null; exclusion: RoutingExclusion | null }>;
  /** Excludes an email and a company domain (either may be null) from routing from now on. */
  exclude(
    siteKey: string,
    keys: { email: string | null; domain: string | null },
    exclusion: RoutingExclusion,
  ): Promise<void>;
  findByNormalizedName(siteKey: string, normalizedName: string): Promise<Account | null>;
  list(siteKey: string, options: { limit: number; cursor?: string | undefined }): Promise<AccountPage>;
}
