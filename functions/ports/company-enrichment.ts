import type { CompanyFacts } from '../core/visitors/visitor-profile.js';

/** A firmographic data provider (Clearbit-style company by domain). */
export interface CompanyEnrichmentProvider {
  readonly name: string;
  /** Null when the provider does not know the domain; throws EnrichmentFailedError when it could not answer. */
  findCompany(domain: string, signal: AbortSignal): Promise<CompanyFacts | null>;
}

export class EnrichmentFailedError extends Error {
  constructor(
    readonly provider: string,
    readonly reason: 'timeout' | 'rate-limited' | 'server-error' | 'bad-response' | 'unreachable' | 'unauthorized',
    detail: string,
  ) {
    super(`${provider}: ${reason}: ${detail}`);
    this.name = 'EnrichmentFailedError';
  }
}

/** Remembers provider answers, including "unknown", until they expire. */
export interface EnrichmentCache {
  get(provider: string, domain: string): Promise<{ facts: CompanyFacts | null } | null>;
  put(provider: string, domain: string, facts: CompanyFacts | null, ttlSeconds: number): Promise<void>;
}
