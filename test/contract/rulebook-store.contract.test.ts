import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRulebookStore } from '../../functions/adapters/dynamodb/rulebook-store.dynamodb.js';
import { aRulebook } from '../fixtures/rulebooks.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

describe('RulebookStore on the embedded DynamoDB store', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.close());

  it('parses the live rulebook once per version: later reads return the same object until a new version goes live', async () => {
    const rulebooks = new DynamoDbRulebookStore(store.doc, store.tableName);
    await rulebooks.putLiveIfAbsent('cached-site', aRulebook(), '2026-11-25T09:00:00.000Z');

    const first = await rulebooks.getLive('cached-site');
    const second = await rulebooks.getLive('cached-site');
    expect(second).toBe(first);
    expect(await rulebooks.getVersion('cached-site', 1)).toBe(first);

    const { version: _version, ...content } = aRulebook({}, 2);
    await rulebooks.publish(
      'cached-site',
      { version: 2, content, contentHash: 'h2', publishedAt: '2026-11-25T00:00:00.000Z', signatures: [] },
      1,
    );
    const third = await rulebooks.getLive('cached-site');
    expect(third?.version).toBe(2);
    expect(third).not.toBe(first);
  });
});
