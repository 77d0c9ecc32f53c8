import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

describe('importing and listing the account list', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store, { maxImportBytes: 8 * 1024 });
  });
  afterAll(() => store.close());

  const importCsv = async (csv: string, query = '', roles: Parameters<typeof t.bearer>[0] = ['marketing']) =>
    t.request(`/v1/sites/test-site/accounts${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv; charset=utf-8', ...(await t.bearer(roles)) },
      body: csv,
    });
  const listed = async () =>
    (
      (await (
        await t.request('/v1/sites/test-site/accounts?limit=500', { headers: await t.bearer(['sales']) })
      ).json()) as { accounts: Array<{ domain: string }> }
    ).accounts.map((a) => a.domain);

  it('keeps the good rows and reports every bad row with its CSV line', async () => {
    const csv = [
      'Domain,Company Name,Employees,Industry,Country,Tier,Account Owner',
      'alpha.io,Alpha,120,Software,US,1,rep-ana',
      'not a domain,Beta,10,,US,,',
      'gamma.io,"Gamma, Inc.",abc,Retail,XX,3,',
      'delta.io,Delta,"2,500",Consulting,br,2,rep-ben',
      'ALPHA.IO,Alpha again,1,,,,',
    ].join('\r\n');

    const response = await importCsv(csv);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      received: 5,
      imported: 2,
      rejected: [
        { line: 3, errors: [{ field: 'domain', message: '"not a domain" is not a domain' }] },
        {
          line: 4,
          errors: [
            { field: 'employees', message: 'must be a whole number' },
            { field: 'country', message: 'must be an ISO 3166-1 alpha-2 code such as US or BR' },
          ],
        },
        { line: 6, errors: [{ field: 'domain', message: '"alpha.io" is already on line 2' }] },
      ],
    });
    expect(await listed()).toEqual(['alpha.io', 'delta.io']);
  });

  it('imports nothing from a file with a bad row when asked to reject, and says which lines', async () => {
    const before = await store.allItems();

    const response = await importCsv('domain,name\nepsilon.io,Epsilon\n,Nameless\n', '?onError=reject');

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 422,
      rejected: [{ line: 3, errors: [{ field: 'domain' }] }],
    });
    expect(await store.allItems()).toEqual(before);
  });

  it.each([
    ['an unclosed quote', 'domain,name\nzeta.io,"Zeta\neta.io,Eta\n', /Line \d+/],
    ['a row with too many fields', 'domain,name\ntheta.io,Theta,extra\n', /Line 2/],
    ['no domain column', 'website_url,name\niota.io,Iota\n', /Line 1: the header has no "domain" column/],
    ['an empty file', '   \n', /the file is empty/],
  ])('refuses a malformed file (%s) whole, with the line', async (_name, csv, detail) => {
    const before = await store.allItems();

    const response = await importCsv(csv);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
    expect(await store.allItems()).toEqual(before);
  });

  it('imports JSON rows, numbered from 1', async () => {
    const response = await t.json(
      '/v1/sites/test-site/accounts',
      { accounts: [{ domain: 'kappa.io', name: 'Kappa', employees: 40 }, { name: 'No domain' }] },
      { headers: await t.bearer(['marketing']) },
    );

    expect(await response.json()).toEqual({
      received: 2,
      imported: 1,
      rejected: [{ line: 2, errors: [{ field: 'domain', message: 'is required' }] }],
    });
  });

  it('upserts by domain: a second import updates the account', async () => {
    await importCsv('domain,name,employees\nlambda.io,Lambda,10\n');
    await importCsv('domain,name,employees\nlambda.io,Lambda Labs,900\n');

    expect(await t.deps.accounts.findByDomain('test-site', 'lambda.io')).toMatchObject({
      name: 'Lambda Labs',
      employees: 900,
      normalizedName: 'lambda labs',
    });
  });

  it('lets only marketing import, and refuses oversized files', async () => {
    const before = await store.allItems();
    const anonymous = await t.request('/v1/sites/test-site/accounts', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'domain,name\nmu.io,Mu\n',
    });
    const sales = await importCsv('domain,name\nmu.io,Mu\n', '', ['sales']);
    const huge = await importCsv(`domain,name\n${'nu.io,Nu\n'.repeat(2000)}`);

    const anonymousList = await t.request('/v1/sites/test-site/accounts');

    expect([anonymous.status, sales.status, huge.status, anonymousList.status]).toEqual([401, 403, 413, 401]);
    expect(await store.allItems()).toEqual(before);
  });

  it('pages through the list with a cursor', async () => {
    const first = (await (
      await t.request('/v1/sites/test-site/accounts?limit=2', { headers: await t.bearer(['marketing']) })
    ).json()) as { accounts: Array<{ domain: string }>; nextCursor: string };
    const second = (await (
      await t.request(`/v1/sites/test-site/accounts?limit=2&cursor=${first.nextCursor}`, {
        headers: await t.bearer(['marketing']),
      })
    ).json()) as { accounts: Array<{ domain: string }> };

    expect(first.accounts).toHaveLength(2);
    expect(second.accounts[0]!.domain > first.accounts[1]!.domain).toBe(true);
  });
});
