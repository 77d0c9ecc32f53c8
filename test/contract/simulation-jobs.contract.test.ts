import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSimulationJobs } from '../../functions/adapters/dynamodb/simulation-jobs.dynamodb.js';
import type { SimulationJob } from '../../functions/ports/simulation-jobs.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('SimulationJobs on the embedded DynamoDB store', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.close());

  const aReport = (): NonNullable<SimulationJob['result']> => ({
    visitors: 3,
    liveVersion: 1,
    mql: { live: 1, draft: 2, change: 1 },
    ruleHits: [{ key: 'named-accounts', live: 3, draft: 3, change: 0 }],
    targets: [],
    repLoad: [],
    outcomes: [],
    changedCount: 0,
    changed: [],
    days: 7,
    draftRevision: 2,
    truncated: false,
    problems: [{ path: '/rules/1', message: 'rule "b" never matches: rule "a" catches every visitor it would' }],
    problemCount: 1,
  });

  it("keeps a report with the draft's problems it was replayed with, and reads one kept from before reports listed them with none listed", async () => {
    const jobs = new DynamoDbSimulationJobs(store.doc, store.tableName);
    const at = '2026-11-26T10:00:00.000Z';
    const job = (simulationId: string) => ({
      siteKey: 'jobs-site',
      simulationId,
      days: 7,
      requestedBy: 'mia',
      requestedAt: at,
    });
    const { problems: _problems, problemCount: _count, ...earlier } = aReport();
    await jobs.create(job('01JD3Q8Y8M4S0W6Q9V2ZC3H7J1'));
    await jobs.create(job('01JD3Q8Y8M4S0W6Q9V2ZC3H7J2'));

    await jobs.finish('jobs-site', '01JD3Q8Y8M4S0W6Q9V2ZC3H7J1', { result: aReport() }, at);
    await jobs.finish(
      'jobs-site',
      '01JD3Q8Y8M4S0W6Q9V2ZC3H7J2',
      { result: earlier as NonNullable<SimulationJob['result']> },
      at,
    );

    expect((await jobs.get('jobs-site', '01JD3Q8Y8M4S0W6Q9V2ZC3H7J1'))?.result).toEqual(aReport());
    expect((await jobs.get('jobs-site', '01JD3Q8Y8M4S0W6Q9V2ZC3H7J2'))?.result).toEqual({
      ...aReport(),
      problems: [],
      problemCount: 0,
    });
  });
});
