import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../../../functions/core/routing/compile-rulebook.js';
import {
  type Condition,
  evaluateCondition,
  type FieldValue,
  type RoutingFacts,
} from '../../../../functions/core/routing/condition.js';
import type { RoutingRule } from '../../../../functions/core/rulebook/rulebook.js';
import { installPatternEngine } from '../../../../functions/core/routing/pattern-engine.js';
import { re2jsPatternEngine } from '../../../../functions/core/routing/re2js-pattern-engine.js';

// `matches` runs on the engine the rulebook store or routes install in the product.
installPatternEngine(re2jsPatternEngine);

const FIELDS = [
  'score',
  'stage',
  'qualifies',
  'visitor.behaviours',
  'page.url',
  'geo.country',
  'answers.need',
] as const;
// Few distinct values, in several cases, so that conditions hit as often as they miss; the long text puts a
// needle past the 2,000 characters `contains` and `matches` look at, and 'İ' changes length when lower-cased.
const LONG = `${'a'.repeat(1995)}pricing page`;
const texts = fc.constantFrom('Pricing', 'pricing', 'PRICING page', 'demo', 'US', 'us', '', 'İstanbul', LONG);
const numbers = fc.constantFrom(-1, 0, 5, 10, 70, 100.5);
const value: fc.Arbitrary<FieldValue> = fc.oneof(
  texts,
  numbers,
  fc.boolean(),
  fc.constant(null),
  fc.array(texts, { maxLength: 3 }),
);
const scalar = fc.oneof(texts, numbers, fc.boolean());

const facts: fc.Arbitrary<RoutingFacts> = fc
  .record({
    fields: fc.dictionary(fc.constantFrom(...FIELDS.filter((f) => !f.startsWith('answers.'))), value),
    need: fc.option(texts, { nil: undefined }),
  })
  .map(({ fields, need }): RoutingFacts => ({ ...fields, answers: need === undefined ? {} : { need } }));

const leaf: fc.Arbitrary<Condition> = fc.constantFrom(...FIELDS).chain((field) =>
  fc.oneof(
    fc.constant({ field, op: 'exists' as const }),
    scalar.map((v) => ({ field, op: 'equals' as const, value: v })),
    fc.array(scalar, { minLength: 1, maxLength: 4 }).map((values) => ({ field, op: 'in' as const, values })),
    fc
      .record({ min: fc.option(numbers, { nil: undefined }), max: fc.option(numbers, { nil: undefined }) })
      .filter(({ min, max }) => min !== undefined || max !== undefined)
      .map(({ min, max }) => ({
        field,
        op: 'between' as const,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      })),
    fc
      .constantFrom('pricing', 'PRIC', 'us', 'i̇', 'page', 'demo')
      .map((needle) => ({ field, op: 'contains' as const, value: needle })),
    fc.constantFrom('^pri', 'demo$', 'u.', 'page$').map((pattern) => ({ field, op: 'matches' as const, pattern })),
  ),
);

const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('node').map((not) => ({ not })),
  ),
})).node;

const asRules = (conditions: Condition[]): RoutingRule[] =>
  conditions.map((when, i) => ({
    id: `rule-${i}`,
    name: `Rule ${i}`,
    when,
    route: { type: 'nurture', nurtureId: 'n' },
  }));

describe('the compiled rulebook', () => {
  it('decides every condition as the reference interpreter does', () => {
    fc.assert(
      fc.property(condition, facts, (when, visitor) => {
        const compiled = compileRules(asRules([when])).firstMatch(visitor) === 0;
        expect(compiled).toBe(evaluateCondition(when, visitor).matched);
      }),
      { numRuns: 3000 },
    );
  });

  it('picks the same first matching rule as the interpreter, over random rulebooks and facts', () => {
    fc.assert(
      fc.property(
        fc.array(condition, { maxLength: 12 }),
        fc.array(facts, { minLength: 1, maxLength: 5 }),
        (conditions, visitors) => {
          const rules = asRules(conditions);
          const compiled = compileRules(rules);
          for (const visitor of visitors)
            expect(compiled.firstMatch(visitor)).toBe(
              rules.findIndex((rule) => evaluateCondition(rule.when, visitor).matched),
            );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('picks the same first matching rule over rulebooks of more than 32 rules, where the candidate set spans several words', () => {
    // Mostly conjunctions, which few visitors meet: the first match then often lies past the 32nd rule.
    const strict = fc.oneof(
      { arbitrary: fc.array(leaf, { minLength: 3, maxLength: 5 }).map((all) => ({ all })), weight: 9 },
      { arbitrary: condition, weight: 1 },
    );
    const firstMatches: number[] = [];
    fc.assert(
      fc.property(
        fc.array(strict, { minLength: 33, maxLength: 100 }),
        fc.array(facts, { minLength: 1, maxLength: 5 }),
        (conditions, visitors) => {
          const rules = asRules(conditions);
          const compiled = compileRules(rules);
          for (const visitor of visitors) {
            const expected = rules.findIndex((rule) => evaluateCondition(rule.when, visitor).matched);
            firstMatches.push(expected);
            expect(compiled.firstMatch(visitor)).toBe(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(firstMatches.filter((index) => index >= 32).length).toBeGreaterThan(firstMatches.length / 25);
  });

  it('matches a rule naming two items of a list in two conjuncts when the visitor has both, and only then', () => {
    const rules = asRules([
      {
        all: [
          { field: 'visitor.behaviours', op: 'in', values: ['pricing-page'] },
          { field: 'visitor.behaviours', op: 'equals', value: 'x' },
        ],
      },
      {
        all: [
          { field: 'visitor.behaviours', op: 'in', values: ['pricing-page'] },
          { field: 'visitor.behaviours', op: 'in', values: ['Case-Study'] },
        ],
      },
    ]);
    const compiled = compileRules(rules);

    expect(compiled.firstMatch({ 'visitor.behaviours': ['case-study', 'pricing-page'], answers: {} })).toBe(1);
    expect(compiled.firstMatch({ 'visitor.behaviours': ['pricing-page'], answers: {} })).toBe(-1);
    expect(compiled.firstMatch({ 'visitor.behaviours': 'pricing-page', answers: {} })).toBe(-1);
  });

  it('lists the fields the rules up to a match read, and every field when none matched', () => {
    const rules = asRules([
      { field: 'score', op: 'between', min: 70 },
      {
        any: [
          { field: 'page.url', op: 'contains', value: 'pricing' },
          { field: 'answers.need', op: 'exists' },
        ],
      },
      { field: 'geo.country', op: 'equals', value: 'US' },
    ]);
    const compiled = compileRules(rules);

    expect(compiled.fieldsReadUpTo(0)).toEqual(['score']);
    expect(compiled.fieldsReadUpTo(1)).toEqual(['score', 'page.url', 'answers.need']);
    expect(compiled.fieldsReadUpTo(-1)).toEqual(['score', 'page.url', 'answers.need', 'geo.country']);
  });
});
