import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdays } from '../../../functions/core/routing/rep.js';
import { aRep } from '../../fixtures/builders.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const ana = aRep('rep-ana', { name: 'Ana', email: 'ana@acme.test', timeZone: 'Europe/Lisbon' });

describe('the rep directory over HTTP', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  const put = async (body: unknown, headers: Record<string, string>, repId = 'rep-ana') =>
    t.request(`/v1/sites/test-site/reps/${repId}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('lets sales add a rep and the rep set their own out of office', async () => {
    expect((await put(ana, await t.bearer(['sales']))).status).toBe(200);
    const away = {
      ...ana,
      outOfOffice: [{ start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z', reason: 'holidays' }],
    };

    const own = await put(away, { Authorization: `Bearer ${await t.tokenFor(['rep'], 'rep-ana')}` });
    const other = await put(
      { ...away, repId: 'rep-ben' },
      { Authorization: `Bearer ${await t.tokenFor(['rep'], 'rep-ana')}` },
      'rep-ben',
    );

    expect([own.status, other.status]).toEqual([200, 403]);
    const listed = (await (
      await t.request('/v1/sites/test-site/reps', { headers: await t.bearer(['marketing']) })
    ).json()) as { reps: Array<{ outOfOffice: unknown[] }> };
    expect(listed.reps[0]!.outOfOffice).toEqual([
      { start: '2026-12-20T00:00:00Z', end: '2027-01-04T00:00:00Z', reason: 'holidays' },
    ]);
  });

  it('refuses a bad time zone, overlapping hours order and a mismatched id, storing nothing', async () => {
    const before = await store.allItems();
    const sales = await t.bearer(['sales']);

    const badZone = await put({ ...ana, timeZone: 'Mars/Olympus' }, sales);
    const badHours = await put({ ...ana, workingHours: weekdays([['17:00', '09:00']]) }, sales);
    const mismatch = await put({ ...ana, repId: 'rep-zed' }, sales);

    expect([badZone.status, badHours.status, mismatch.status]).toEqual([400, 400, 400]);
    expect(((await badZone.json()) as { errors: Array<{ pointer: string }> }).errors[0]!.pointer).toBe('/timeZone');
    expect(await store.allItems()).toEqual(before);
  });

  it.each([
    ['a javascript: photo', { photoUrl: 'javascript:alert(1)' }, '/photoUrl'],
    ['a data: photo', { photoUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }, '/photoUrl'],
    ['a file: calendar feed', { calendars: [{ type: 'ics', url: 'file:///etc/passwd' }] }, '/calendars/0/url'],
  ])('refuses %s, storing nothing', async (_name, change, pointer) => {
    const sales = await t.bearer(['sales']);
    const before = await store.allItems();
    const response = await put({ ...ana, ...change }, sales);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ pointer: string }> };
    expect(problem.errors.map((error) => error.pointer)).toContain(pointer);
    expect(await store.allItems()).toEqual(before);
  });
});
