import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRoutingState } from '../../functions/adapters/dynamodb/routing-state.dynamodb.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('RoutingState on the embedded DynamoDB store', () => {
  let store: TestStore;
  let state: DynamoDbRoutingState;
  beforeAll(async () => {
    store = await startTestStore();
    state = new DynamoDbRoutingState(store.doc, store.tableName);
  });
  afterAll(() => store.close());

  it('hands 200 concurrent callers 200 different turns, none skipped', async () => {
    const tickets = await Promise.all(Array.from({ length: 200 }, () => state.takeTicket('s', 'inbound')));

    expect([...tickets].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('lets exactly `cap` of 20 concurrent claims through', async () => {
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => state.claimAssignment('s', 'rep-a', '2026-11-25', 5)),
    );

    expect(claims.filter(Boolean)).toHaveLength(5);
    expect(
      (
        await state.assignedOn(
          's',
          new Map([
            ['rep-a', '2026-11-25'],
            ['rep-b', '2026-11-25'],
          ]),
        )
      ).get('rep-a'),
    ).toBe(5);
  });

  it('keeps days apart and gives an assignment back', async () => {
    await state.claimAssignment('s', 'rep-c', '2026-11-25', undefined);
    await state.claimAssignment('s', 'rep-c', '2026-11-26', undefined);
    await state.releaseAssignment('s', 'rep-c', '2026-11-25');
    await state.releaseAssignment('s', 'rep-c', '2026-11-25');

    const counts = await state.assignedOn('s', new Map([['rep-c', '2026-11-25']]));
    expect(counts.get('rep-c')).toBe(0);
    expect((await state.assignedOn('s', new Map([['rep-c', '2026-11-26']]))).get('rep-c')).toBe(1);
  });

  it('credits a turn back once, to one of two concurrent takers', async () => {
    await state.creditTurn('s', 'inbound', 'rep-b');

    const taken = await Promise.all([
      state.useCredit('s', 'inbound', 'rep-b'),
      state.useCredit('s', 'inbound', 'rep-b'),
    ]);

    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await state.credits('s', 'inbound')).toEqual(new Map());
  });
});
