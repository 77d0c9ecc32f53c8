import { describe, expect, it } from 'vitest';
import { asRulebook, describeChanges } from '../../../../functions/core/rulebook/rulebook-lifecycle.js';
import { defaultRulebookContent, type RulebookContent } from '../../../../functions/core/rulebook/rulebook.js';

const base = defaultRulebookContent;
const rule = (id: string, value = 1): RulebookContent['rules'][number] => ({
  id,
  name: id,
  when: { field: 'score', op: 'between', min: value },
  route: { type: 'nurture', nurtureId: base.nurtures[0]!.id },
});
const withRules = (...rules: RulebookContent['rules']): RulebookContent => ({ ...base, rules });

describe('describeChanges', () => {
  it('says there is no change for the same content', () => {
    expect(describeChanges(base, structuredClone(base))).toBe('no change');
  });

  it.each([
    ['scoring', { scoring: { ...base.scoring, thresholds: { mql: 71 } } }],
    ['businessHours', { businessHours: { ...base.businessHours, end: '17:00' } }],
    ['pools', { pools: [] }],
    ['fallbacks', { fallbacks: [] }],
    ['nurtures', { nurtures: [{ ...base.nurtures[0]!, message: 'Another text.' }] }],
    ['unrouted', { unrouted: { nurtureId: 'other' } }],
    ['alerts', { alerts: { emails: [] } }],
  ])('names the %s section when it changed', (section, change) => {
    expect(describeChanges(base, { ...base, ...change } as RulebookContent)).toBe(section);
  });

  it('lists rules added, removed, changed and reordered', () => {
    expect(describeChanges(withRules(rule('a'), rule('b')), withRules(rule('a'), rule('b'), rule('c')))).toBe(
      'rules added: c',
    );
    expect(describeChanges(withRules(rule('a'), rule('b')), withRules(rule('a')))).toBe('rules removed: b');
    expect(describeChanges(withRules(rule('a'), rule('b')), withRules(rule('a', 2), rule('b')))).toBe(
      'rules changed: a',
    );
    expect(describeChanges(withRules(rule('a'), rule('b')), withRules(rule('b'), rule('a')))).toBe('rules reordered');
    expect(
      describeChanges(withRules(rule('a'), rule('b'), rule('c')), {
        ...withRules(rule('c', 5), rule('a'), rule('d')),
        pools: [],
      }),
    ).toBe('pools; rules added: d; rules removed: b; rules changed: c; rules reordered');
  });

  it('does not count a rule added at the end, or one removed, as a reordering', () => {
    expect(describeChanges(withRules(rule('a'), rule('b')), withRules(rule('x'), rule('a'), rule('b')))).toBe(
      'rules added: x',
    );
  });
});

describe('asRulebook', () => {
  it('is the version content with its number', () => {
    const rulebook = asRulebook({ version: 4, content: base, contentHash: 'h', publishedAt: 'now', signatures: [] });
    expect(rulebook).toEqual({ version: 4, ...base });
  });
});
