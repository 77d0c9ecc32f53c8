import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbLimitCounters } from '../../functions/adapters/dynamodb/limit-counters.dynamodb.js';
import type { CounterTake } from '../../functions/core/limits/abuse-limits.js';
import { rateWindowOf } from '../../functions/core/limits/rate-window.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('LimitCounters on the embedded DynamoDB store', () => {
  let store: TestStore;
  let counters: DynamoDbLimitCounters;
  beforeAll(async () => {
    store = await startTestStore();
    counters = new DynamoDbLimitCounters(store.doc, store.tableName);
  });
  afterAll(() => store.close());

  const window = rateWindowOf(new Date('2026-11-26T10:00:30.000Z'), 60);
  const aCounter = (subject: string, limit: number, at = window): CounterTake => ({ subject, window: at, limit });
  const countOf = async (counter: CounterTake) =>
    (
      await store.doc.send(
        new GetCommand({
          TableName: store.tableName,
          Key: { pk: `LIMIT#${counter.subject}`, sk: `WINDOW#${counter.window.id}` },
        }),
      )
    ).Item;

  it('lets exactly the limit through, refuses the next and leaves its count unchanged', async () => {
    const counter = aCounter('ip#exact', 3);
    const answers = [];
    for (let call = 0; call < 5; call++) answers.push(await counters.take([counter]));

    expect(answers.map((refused) => refused.length)).toEqual([0, 0, 0, 1, 1]);
    expect((await countOf(counter))?.count).toBe(3);
  });

  it('counts the next window from zero', async () => {
    const first = aCounter('ip#windows', 1);
    const next = aCounter('ip#windows', 1, rateWindowOf(window.end, 60));

    expect(await counters.take([first])).toEqual([]);
    expect(await counters.take([first])).toEqual([first]);
    expect(await counters.take([next])).toEqual([]);
  });

  it('lets exactly `limit` of 30 concurrent takes through', async () => {
    const counter = aCounter('site#concurrent', 7);
    const answers = await Promise.all(Array.from({ length: 30 }, () => counters.take([counter])));

    expect(answers.filter((refused) => refused.length === 0)).toHaveLength(7);
    expect((await countOf(counter))?.count).toBe(7);
  });

  it('answers only the counters at their limit, and takes the others', async () => {
    const full = aCounter('visitor#full', 1);
    const open = aCounter('site#open', 10);
    await counters.take([full]);

    expect(await counters.take([full, open])).toEqual([full]);
    expect((await countOf(open))?.count).toBe(1);
  });

  it('gives a use back, never below zero', async () => {
    const counter = aCounter('site#given-back', 5);
    await counters.take([counter]);
    await counters.giveBack([counter]);
    await counters.giveBack([counter]);

    expect((await countOf(counter))?.count).toBe(0);
  });

  it('keeps each window an hour past its end for the table TTL', async () => {
    const counter = aCounter('ip#ttl', 2);
    await counters.take([counter]);

    expect((await countOf(counter))?.expiresAt).toBe(window.end.getTime() / 1000 + 3600);
  });
});
