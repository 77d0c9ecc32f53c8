import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../../functions/core/funnel/lead.js';
import type { Role } from '../../../functions/ports/token-verifier.js';
import { aLead, anAssignedMql } from '../../fixtures/leads.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

describe('the lead endpoints', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  let next = 0;
  /** Stores a lead under a fresh id, as version 1. */
  const seed = async (overrides: Partial<Lead>): Promise<Lead> => {
    next++;
    const visitorId = `01JD3Q8Y8M4S0W6Q9V2ZC3QQ${String(next).padStart(2, '0')}`;
    const lead = { ...anAssignedMql(), visitorId, ...overrides, version: 1 };
    await t.deps.leads.save(lead);
    return lead;
  };
  const as = async (roles: Role[], userId: string) => ({
    Authorization: `Bearer ${await t.tokenFor(roles, userId)}`,
  });
  const post = async (lead: Lead, action: string, body: unknown, roles: Role[] = ['rep'], userId = 'rep-ana') =>
    t.json(`/v1/sites/test-site/leads/${lead.visitorId}/${action}`, body, { headers: await as(roles, userId) });

  it('lets the owning rep accept an MQL, which becomes an SAL with the move recorded', async () => {
    const lead = await seed({});

    const response = await post(lead, 'accept', {});

    expect(response.status).toBe(200);
    const body = (await response.json()) as Lead;
    expect(body.stage).toBe('sal');
    expect(body.history.at(-1)).toEqual(
      expect.objectContaining({ from: 'mql', to: 'sal', by: { kind: 'person', userId: 'rep-ana', repId: 'rep-ana' } }),
    );
    expect((await t.deps.leads.get('test-site', lead.visitorId))?.stage).toBe('sal');
  });

  it('refuses an illegal move with 409 and changes nothing', async () => {
    const lead = await seed({ stage: 'sal' });
    const before = await t.deps.leads.get('test-site', lead.visitorId);

    const accepted = await post(lead, 'accept', {});
    const won = await post(lead, 'stage', { to: 'won', why: 'skipping ahead' }, ['sales'], 'sam');

    expect([accepted.status, won.status]).toEqual([409, 409]);
    expect(accepted.headers.get('content-type')).toContain('application/problem+json');
    expect(await t.deps.leads.get('test-site', lead.visitorId)).toEqual(before);
  });

  it("refuses a rep acting on another rep's lead, and lets sales act on any", async () => {
    const lead = await seed({});

    const ben = await post(lead, 'accept', {}, ['rep'], 'rep-ben');
    const sales = await post(lead, 'activities', { kind: 'call', note: 'left a voicemail' }, ['sales'], 'sam');

    expect([ben.status, sales.status]).toEqual([403, 200]);
    expect(((await sales.json()) as Lead).attempts).toBe(1);
  });

  it('rejects with a reason and its follow-up, refusing an unknown reason with 422', async () => {
    const lead = await seed({});

    const unknown = await post(lead, 'reject', { reason: 'too-small' });
    const missingDate = await post(lead, 'reject', { reason: 'bad-timing' });
    const rejected = await post(lead, 'reject', { reason: 'bad-timing', recontactAt: '2027-03-01T09:00:00+01:00' });

    expect([unknown.status, missingDate.status, rejected.status]).toEqual([422, 422, 200]);
    const body = (await rejected.json()) as Lead;
    expect([body.stage, body.queue, body.ownerRepId, body.rejection?.recontactAt]).toEqual([
      'recycled',
      'nurture',
      null,
      '2027-03-01T08:00:00.000Z',
    ]);
  });

  it('makes an SQL only with every BANT field', async () => {
    const lead = await seed({ stage: 'sal' });
    const partial = await post(lead, 'stage', {
      to: 'sql',
      why: 'qualified',
      qualification: { framework: 'BANT', budget: '50k', authority: 'VP' },
    });
    const full = await post(lead, 'stage', {
      to: 'sql',
      why: 'qualified',
      qualification: { framework: 'BANT', budget: '50k', authority: 'VP', need: 'routing', timeline: 'Q1' },
    });
    expect([partial.status, full.status]).toEqual([400, 200]);
  });

  it('lists leads newest first, filtered and paged, and a rep sees only their own', async () => {
    const site = 'test-site';
    const mine = await seed({ createdAt: '2026-10-01T09:00:00.000Z', source: 'linkedin', ownerRepId: 'rep-carla' });
    const mineToo = await seed({ createdAt: '2026-10-02T09:00:00.000Z', source: 'linkedin', ownerRepId: 'rep-carla' });
    await seed({ createdAt: '2026-10-03T09:00:00.000Z', source: 'linkedin', ownerRepId: 'rep-dan' });
    const list = async (query: string, roles: Role[], userId: string) => {
      const response = await t.request(`/v1/sites/${site}/leads?${query}`, { headers: await as(roles, userId) });
      return { status: response.status, body: (await response.json()) as { leads: Lead[]; nextCursor: string | null } };
    };

    const carla = await list('source=linkedin', ['rep'], 'rep-carla');
    const firstPage = await list('source=linkedin&limit=2', ['sales'], 'sam');
    const secondPage = await list(`source=linkedin&limit=2&cursor=${firstPage.body.nextCursor}`, ['sales'], 'sam');
    const window = await list('source=linkedin&from=2026-10-02T00:00:00Z&to=2026-10-03T00:00:00Z', ['sales'], 'sam');
    const carlaAsksForDan = await list('owner=rep-dan', ['rep'], 'rep-carla');

    expect(carla.body.leads.map((lead) => lead.visitorId)).toEqual([mineToo.visitorId, mine.visitorId]);
    expect(firstPage.body.leads.map((lead) => lead.createdAt)).toEqual([
      '2026-10-03T09:00:00.000Z',
      '2026-10-02T09:00:00.000Z',
    ]);
    expect(secondPage.body.leads.map((lead) => lead.visitorId)).toEqual([mine.visitorId]);
    expect(window.body.leads.map((lead) => lead.visitorId)).toEqual([mineToo.visitorId]);
    expect(carlaAsksForDan.status).toBe(403);
  });

  it('refuses a cursor from another listing', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: 'x', sk: 'y', gsi1pk: 'SITE#other#LEADS', gsi1sk: 'z' })).toString(
      'base64url',
    );
    const response = await t.request(`/v1/sites/test-site/leads?cursor=${forged}`, {
      headers: await as(['sales'], 'sam'),
    });
    expect(response.status).toBe(422);
  });

  it('lets a rep claim a lead from the fallback queue by accepting it', async () => {
    const lead = await seed({ ownerRepId: null, queue: 'sales-queue', assignedAt: null });
    const response = await post(lead, 'accept', {}, ['rep'], 'rep-ben');
    const body = (await response.json()) as Lead;
    expect([response.status, body.ownerRepId, body.queue]).toEqual([200, 'rep-ben', null]);
  });

  it("plans the seed's reverse funnel: $10M a quarter at $10k ACV, 25% win, 30% MQL→SQL", async () => {
    const response = await t.json(
      '/v1/funnel/plan',
      {
        period: 'quarter',
        revenueTarget: { amount: 10_000_000_00, currency: 'USD' },
        averageContractValue: { amount: 10_000_00, currency: 'USD' },
        rates: { winRate: 0.25, mqlToSql: 0.3 },
      },
      { headers: await as(['marketing'], 'mia') },
    );
    expect(await response.json()).toEqual({ period: 'quarter', deals: 1000, sql: 4000, mql: 13333, mqlPerMonth: 4444 });
  });

  it('refuses a plan whose amounts are in different currencies', async () => {
    const response = await t.json(
      '/v1/funnel/plan',
      {
        period: 'month',
        revenueTarget: { amount: 100_000_00, currency: 'EUR' },
        averageContractValue: { amount: 1_000_00, currency: 'USD' },
        rates: { winRate: 0.5, mqlToSql: 0.5 },
      },
      { headers: await as(['sales'], 'sam') },
    );
    expect(response.status).toBe(422);
  });

  it('needs a token for every lead operation', async () => {
    const lead = aLead();
    const response = await t.json(`/v1/sites/test-site/leads/${lead.visitorId}/accept`, {});
    expect(response.status).toBe(401);
  });
});
