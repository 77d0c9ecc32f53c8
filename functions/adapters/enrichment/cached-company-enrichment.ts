import type { CompanyFacts } from '../../core/visitors/visitor-profile.js';
import type { CompanyEnrichmentProvider, EnrichmentCache } from '../../ports/company-enrichment.js';

/** Asks the provider once per domain until the cached answer expires; failures are not cached, so the next signal retries. */
export class CachedCompanyEnrichment implements CompanyEnrichmentProvider {
  readonly name: string;

  constructor(
    private readonly provider: CompanyEnrichmentProvider,
    private readonly cache: EnrichmentCache,
    private readonly ttl = { knownSeconds: 30 * 86_400, unknownSeconds: 7 * 86_400 },
  ) {
    this.name = provider.name;
  }

  async findCompany(domain: string, signal: AbortSignal): Promise<CompanyFacts | null> {
    const cached = await this.cache.get(this.name, domain);
    if (cached) return cached.facts;
    const facts = await this.provider.findCompany(domain, signal);
    await this.cache.put(this.name, domain, facts, facts ? this.ttl.knownSeconds : this.ttl.unknownSeconds);
    return facts;
  }
}
