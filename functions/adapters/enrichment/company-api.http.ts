import { z } from 'zod';
import type { CompanyFacts } from '../../core/visitors/visitor-profile.js';
import { EnrichmentFailedError, type CompanyEnrichmentProvider } from '../../ports/company-enrichment.js';

/** The part of a Clearbit-style company record Baton reads; everything else is ignored. */
const CompanyResponse = z.object({
  name: z.string().nullish(),
  domain: z.string().nullish(),
  category: z.object({ industry: z.string().nullish(), sector: z.string().nullish() }).nullish(),
  metrics: z.object({ employees: z.number().int().min(0).nullish() }).nullish(),
  geo: z.object({ countryCode: z.string().length(2).nullish(), state: z.string().nullish() }).nullish(),
});

export interface HttpCompanyEnrichmentOptions {
  /** e.g. https://company.clearbit.com; the adapter calls GET {baseUrl}/v2/companies/find?domain=… */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

/** A company-by-domain JSON API. Answers within the caller's signal or fails with a reason; never hangs the chat. */
export class HttpCompanyEnrichment implements CompanyEnrichmentProvider {
  readonly name = 'company-api';
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpCompanyEnrichmentOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async findCompany(domain: string, signal: AbortSignal): Promise<CompanyFacts | null> {
    const url = new URL('/v2/companies/find', this.options.baseUrl);
    url.searchParams.set('domain', domain);
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: { Authorization: `Bearer ${this.options.apiKey}`, Accept: 'application/json' },
        signal,
      });
    } catch (error) {
      if (signal.aborted)
        throw new EnrichmentFailedError(this.name, 'timeout', `no answer for ${domain} within the time budget`);
      throw new EnrichmentFailedError(this.name, 'unreachable', (error as Error).message);
    }
    if (response.status === 404) return null;
    if (response.status === 429)
      throw new EnrichmentFailedError(
        this.name,
        'rate-limited',
        `429, retry after ${response.headers.get('retry-after') ?? 'unknown'} s`,
      );
    if (response.status === 401 || response.status === 403)
      throw new EnrichmentFailedError(this.name, 'unauthorized', `HTTP ${response.status}: check the API key`);
    if (response.status >= 500) throw new EnrichmentFailedError(this.name, 'server-error', `HTTP ${response.status}`);
    if (!response.ok) throw new EnrichmentFailedError(this.name, 'bad-response', `HTTP ${response.status}`);

    let body: unknown;
    try {
      body = await response.json();
    } catch (_error) {
      if (signal.aborted)
        throw new EnrichmentFailedError(
          this.name,
          'timeout',
          `the answer for ${domain} did not finish within the time budget`,
        );
      throw new EnrichmentFailedError(this.name, 'bad-response', 'the body is not JSON');
    }
    const parsed = CompanyResponse.safeParse(body);
    if (!parsed.success)
      throw new EnrichmentFailedError(
        this.name,
        'bad-response',
        `unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const company = parsed.data;
    return {
      source: 'enrichment-api',
      domain: company.domain ?? domain,
      name: company.name ?? null,
      employees: company.metrics?.employees ?? null,
      industry: company.category?.industry ?? company.category?.sector ?? null,
      country: company.geo?.countryCode?.toUpperCase() ?? null,
      region: company.geo?.state ?? null,
      matchedBy: 'domain',
    };
  }
}
