import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpCompanyEnrichment } from '../../functions/adapters/enrichment/company-api.http.js';
import { EnrichmentFailedError } from '../../functions/ports/company-enrichment.js';
import { json, startStandInServer } from '../support/stand-in-server.js';

const globex = {
  name: 'Globex Corporation',
  domain: 'globex.com',
  category: { industry: 'Software', sector: 'Information Technology' },
  metrics: { employees: 850, employeesRange: '501-1000' },
  geo: { country: 'United States', countryCode: 'US', state: 'California' },
  tags: ['B2B'],
};

describe('HttpCompanyEnrichment against a stand-in company API', () => {
  let api: Awaited<ReturnType<typeof startStandInServer>>;
  let provider: HttpCompanyEnrichment;
  beforeAll(async () => {
    api = await startStandInServer((_req, res) => json(res, 200, globex));
    provider = new HttpCompanyEnrichment({ baseUrl: api.url, apiKey: 'sk_test_123' });
  });
  beforeEach(() => {
    api.requests.length = 0;
  });
  afterAll(() => api.close());

  // A budget that never runs out: these tests are about answers, not time.
  const signal = () => new AbortController().signal;
  const failure = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EnrichmentFailedError);
    return (error as EnrichmentFailedError).reason;
  };

  it('asks for the company by domain with the API key and maps the answer', async () => {
    api.respondWith((_req, res) => json(res, 200, globex));

    const facts = await provider.findCompany('globex.com', signal());

    expect(api.requests).toMatchObject([
      {
        method: 'GET',
        path: '/v2/companies/find?domain=globex.com',
        headers: { authorization: 'Bearer sk_test_123', accept: 'application/json' },
      },
    ]);
    expect(facts).toEqual({
      source: 'enrichment-api',
      domain: 'globex.com',
      name: 'Globex Corporation',
      employees: 850,
      industry: 'Software',
      country: 'US',
      region: 'California',
      matchedBy: 'domain',
    });
  });

  it('answers null for a domain the API does not know (404)', async () => {
    api.respondWith((_req, res) => json(res, 404, { error: { type: 'unknown_record' } }));

    expect(await provider.findCompany('nobody.example', signal())).toBeNull();
  });

  it('reports a timeout when the API does not answer before the signal fires', async () => {
    const budget = new AbortController();
    // The API has the request and says nothing; then the caller's budget runs out.
    api.respondWith(() => budget.abort());

    expect(await failure(provider.findCompany('globex.com', budget.signal))).toBe('timeout');
  });

  it('reports a server error for 5xx and a rate limit for 429', async () => {
    api.respondWith((_req, res) => json(res, 503, { error: 'down' }));
    expect(await failure(provider.findCompany('globex.com', signal()))).toBe('server-error');

    api.respondWith((_req, res) => json(res, 429, { error: 'slow down' }, { 'retry-after': '30' }));
    const error = await provider.findCompany('globex.com', signal()).catch((e: EnrichmentFailedError) => e);
    expect(error).toMatchObject({ reason: 'rate-limited', message: expect.stringContaining('retry after 30 s') });
  });

  it('reports garbage JSON and an unexpected shape as a bad response', async () => {
    api.respondWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"name": "Globex", ');
    });
    expect(await failure(provider.findCompany('globex.com', signal()))).toBe('bad-response');

    api.respondWith((_req, res) => json(res, 200, { metrics: { employees: 'lots' } }));
    expect(await failure(provider.findCompany('globex.com', signal()))).toBe('bad-response');
  });

  it('reports a refused key as unauthorized and a closed port as unreachable', async () => {
    api.respondWith((_req, res) => json(res, 401, { error: 'bad key' }));
    expect(await failure(provider.findCompany('globex.com', signal()))).toBe('unauthorized');

    const nowhere = new HttpCompanyEnrichment({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' });
    expect(await failure(nowhere.findCompany('globex.com', signal()))).toBe('unreachable');
  });
});
