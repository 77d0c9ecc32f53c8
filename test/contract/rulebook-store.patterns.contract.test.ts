import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRulebookStore } from '../../functions/adapters/dynamodb/rulebook-store.dynamodb.js';
import { compileRules } from '../../functions/core/routing/compile-rulebook.js';
import { isPatternEngineInstalled } from '../../functions/core/routing/pattern-engine.js';
import type { Rulebook } from '../../functions/core/rulebook/rulebook.js';
import { aRulebook } from '../fixtures/rulebooks.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

// Its own file: the pattern engine is installed once per process, and this file starts without it,
// as the visitor function does.
describe('the rulebook store loads the pattern engine only for a rulebook with a pattern', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(() => store.close());

  it('reads a rulebook without patterns without the engine, and one with a pattern after installing it', async () => {
    const rulebooks = new DynamoDbRulebookStore(store.doc, store.tableName);
    await rulebooks.putLiveIfAbsent('plain-site', aRulebook(), '2026-11-25T09:00:00.000Z');
    const plain = aRulebook();
    // Stored as the console would have saved it; built by hand because parsing it needs the engine.
    const withPattern: Rulebook = {
      ...plain,
      rules: [
        {
          id: 'pricing-pages',
          name: 'Pricing pages',
          when: { field: 'page.url', op: 'matches', pattern: '^https://acme\\.test/pric(e|ing)' },
          route: plain.rules[0]!.route,
        },
      ],
    };
    await rulebooks.putLiveIfAbsent('pattern-site', withPattern, '2026-11-25T09:00:00.000Z');

    expect((await rulebooks.getLive('plain-site'))?.version).toBe(1);
    expect(isPatternEngineInstalled()).toBe(false);

    const live = await rulebooks.getLive('pattern-site');
    expect(isPatternEngineInstalled()).toBe(true);
    const rules = compileRules(live!.rules);
    expect(rules.firstMatch({ 'page.url': 'https://ACME.test/pricing?plan=pro', answers: {} })).toBe(0);
    expect(rules.firstMatch({ 'page.url': 'https://acme.test/about', answers: {} })).toBe(-1);
  });
});
