import { describe, expect, it } from 'vitest';
import {
  Condition,
  conditionDepth,
  evaluateCondition,
  type RoutingFacts,
} from '../../../../functions/core/routing/condition.js';
import { installPatternEngine } from '../../../../functions/core/routing/pattern-engine.js';
import { re2jsPatternEngine } from '../../../../functions/core/routing/re2js-pattern-engine.js';

// `matches` runs on the engine the rulebook store or routes install in the product.
installPatternEngine(re2jsPatternEngine);

const facts = (extra: Partial<RoutingFacts> = {}): RoutingFacts => ({ answers: {}, ...extra });
const check = (condition: unknown, given: RoutingFacts) => evaluateCondition(Condition.parse(condition), given);

describe('between, inclusive at both ends', () => {
  it.each([
    [199, false, 'score 199 is not in 200…300'],
    [200, true, 'score 200 is in 200…300'],
    [300, true, 'score 300 is in 200…300'],
    [301, false, 'score 301 is not in 200…300'],
  ])('a score of %i in 200…300: %s', (score, matched, because) => {
    expect(check({ field: 'score', op: 'between', min: 200, max: 300 }, facts({ score }))).toEqual({
      matched,
      because,
    });
  });

  it.each([
    [{ min: 10 }, 10, true, 'score 10 is in 10…∞'],
    [{ min: 10 }, 9, false, 'score 9 is not in 10…∞'],
    [{ max: 10 }, 10, true, 'score 10 is in −∞…10'],
    [{ max: 10 }, 11, false, 'score 11 is not in −∞…10'],
  ])('an open range %j with %i: %s', (range, score, matched, because) => {
    expect(check({ field: 'score', op: 'between', ...range }, facts({ score }))).toEqual({ matched, because });
  });

  it.each([
    ['unknown', null, 'score unknown is not a number in 0…10'],
    ['text', '5', 'score "5" is not a number in 0…10'],
  ])('never matches a value that is %s', (_name, score, because) => {
    expect(check({ field: 'score', op: 'between', min: 0, max: 10 }, facts({ score }))).toEqual({
      matched: false,
      because,
    });
  });
});

describe('exists', () => {
  it.each([
    ['a value', 'acme.io', true, 'company.domain is known'],
    ['zero', 0, true, 'company.domain is known'],
    ['false', false, true, 'company.domain is known'],
    ['an empty string', '', false, 'company.domain is unknown'],
    ['null', null, false, 'company.domain is unknown'],
    ['an empty list', [], false, 'company.domain is unknown'],
    ['a list with an item', ['x'], true, 'company.domain is known'],
  ])('with %s: %s', (_name, value, matched, because) => {
    expect(check({ field: 'company.domain', op: 'exists' }, facts({ 'company.domain': value }))).toEqual({
      matched,
      because,
    });
  });

  it('reads a missing field and a missing answer as unknown, an empty answer as unknown too', () => {
    expect(check({ field: 'company.domain', op: 'exists' }, facts()).matched).toBe(false);
    expect(check({ field: 'answers.budget', op: 'exists' }, facts({ answers: { budget: '' } }))).toEqual({
      matched: false,
      because: 'answers.budget is unknown',
    });
    expect(check({ field: 'answers.budget', op: 'exists' }, facts({ answers: { budget: '10k' } })).matched).toBe(true);
  });
});

describe('equals and in', () => {
  it.each([
    [{ field: 'stage', op: 'equals', value: 'MQL' }, facts({ stage: 'mql' }), true, 'stage "mql" = "MQL"'],
    [{ field: 'stage', op: 'equals', value: 'mql' }, facts({ stage: 'sql' }), false, 'stage "sql" ≠ "mql"'],
    [{ field: 'score', op: 'equals', value: 5 }, facts({ score: 5 }), true, 'score 5 = 5'],
    [{ field: 'score', op: 'equals', value: 5 }, facts(), false, 'score unknown ≠ 5'],
    [{ field: 'score', op: 'equals', value: '5' }, facts({ score: 5 }), false, 'score 5 ≠ "5"'],
    [{ field: 'qualifies', op: 'equals', value: false }, facts({ qualifies: false }), true, 'qualifies false = false'],
  ])('%j against the facts: %s', (condition, given, matched, because) => {
    expect(check(condition, given)).toEqual({ matched, because });
  });

  it.each([
    [facts({ 'geo.country': 'pt' }), true, 'geo.country "pt" is in [PT, ES]'],
    [facts({ 'geo.country': 'FR' }), false, 'geo.country "FR" is not in [PT, ES]'],
    [facts(), false, 'geo.country unknown is not in [PT, ES]'],
  ])('in a list, ignoring case: %j', (given, matched, because) => {
    expect(check({ field: 'geo.country', op: 'in', values: ['PT', 'ES'] }, given)).toEqual({ matched, because });
  });

  it('matches a list field when any of its items is in the list', () => {
    const condition = { field: 'visitor.behaviours', op: 'in', values: ['Webinar'] };
    expect(check(condition, facts({ 'visitor.behaviours': ['pricing-page', 'webinar'] }))).toEqual({
      matched: true,
      because: 'visitor.behaviours [pricing-page, webinar] is in [Webinar]',
    });
    expect(check(condition, facts({ 'visitor.behaviours': [] })).matched).toBe(false);
  });
});

describe('contains and matches', () => {
  it.each([
    [facts({ 'page.path': '/Pricing/plans' }), true, 'page.path "/Pricing/plans" contains "pricing"'],
    [facts({ 'page.path': '/about' }), false, 'page.path "/about" does not contain "pricing"'],
    [facts({ score: 5 }), false, 'page.path unknown does not contain "pricing"'],
  ])('contains text, ignoring case: %j', (given, matched, because) => {
    expect(check({ field: 'page.path', op: 'contains', value: 'pricing' }, given)).toEqual({ matched, because });
  });

  it('finds text in a list field only as a whole item', () => {
    const condition = { field: 'visitor.behaviours', op: 'contains', value: 'WEBINAR' };
    expect(check(condition, facts({ 'visitor.behaviours': ['webinar'] })).matched).toBe(true);
    expect(check(condition, facts({ 'visitor.behaviours': ['webinar-x'] })).matched).toBe(false);
  });

  it('looks at the first 2,000 characters only', () => {
    const at = (index: number) => facts({ 'page.url': `${'a'.repeat(index)}needle` });
    expect(check({ field: 'page.url', op: 'contains', value: 'needle' }, at(1994)).matched).toBe(true);
    expect(check({ field: 'page.url', op: 'contains', value: 'needle' }, at(1995)).matched).toBe(false);
    expect(check({ field: 'page.url', op: 'matches', pattern: 'needle' }, at(1994)).matched).toBe(true);
    expect(check({ field: 'page.url', op: 'matches', pattern: 'needle' }, at(1995)).matched).toBe(false);
  });

  it.each([
    [facts({ 'utm.source': 'LinkedIn' }), true, 'utm.source "LinkedIn" matches /^linked/'],
    [facts({ 'utm.source': 'my-linkedin' }), false, 'utm.source "my-linkedin" does not match /^linked/'],
    [facts(), false, 'utm.source unknown does not match /^linked/'],
  ])('matches a pattern, ignoring case: %j', (given, matched, because) => {
    expect(check({ field: 'utm.source', op: 'matches', pattern: '^linked' }, given)).toEqual({ matched, because });
  });
});

describe('all, any and not', () => {
  const high = { field: 'score', op: 'between', min: 50 };
  const us = { field: 'geo.country', op: 'equals', value: 'US' };

  it.each([
    [{ all: [high, us] }, facts({ score: 60, 'geo.country': 'US' }), true, 'every condition held'],
    [{ all: [high, us] }, facts({ score: 40, 'geo.country': 'US' }), false, 'score 40 is not in 50…∞'],
    [{ all: [high, us] }, facts({ score: 60, 'geo.country': 'PT' }), false, 'geo.country "PT" ≠ "US"'],
    [{ any: [high, us] }, facts({ score: 40, 'geo.country': 'US' }), true, 'geo.country "US" = "US"'],
    [
      { any: [high, us] },
      facts({ score: 40, 'geo.country': 'PT' }),
      false,
      'none held: score 40 is not in 50…∞; geo.country "PT" ≠ "US"',
    ],
    [{ not: us }, facts({ 'geo.country': 'US' }), false, 'excluded: geo.country "US" = "US"'],
  ])('%j: %s', (condition, given, matched, because) => {
    expect(check(condition, given)).toEqual({ matched, because });
  });

  it('measures the nesting depth of a condition', () => {
    expect(conditionDepth(Condition.parse(us))).toBe(1);
    expect(conditionDepth(Condition.parse({ all: [] }))).toBe(1);
    expect(conditionDepth(Condition.parse({ all: [us, { any: [{ not: us }] }] }))).toBe(4);
    expect(conditionDepth(Condition.parse({ any: [us, { not: { not: us } }] }))).toBe(4);
  });
});

describe('the Condition schema', () => {
  it.each([
    ['a known field', { field: 'score', op: 'exists' }, true],
    ['an answer key of 40 characters', { field: `answers.a${'b'.repeat(39)}`, op: 'exists' }, true],
    ['an answer key of 41 characters', { field: `answers.a${'b'.repeat(40)}`, op: 'exists' }, false],
    ['an answer key starting with a digit', { field: 'answers.1st', op: 'exists' }, false],
    ['a value of 500 characters', { field: 'stage', op: 'equals', value: 'x'.repeat(500) }, true],
    ['a value of 501 characters', { field: 'stage', op: 'equals', value: 'x'.repeat(501) }, false],
    ['500 values', { field: 'stage', op: 'in', values: Array.from({ length: 500 }, (_, i) => `s${i}`) }, true],
    ['501 values', { field: 'stage', op: 'in', values: Array.from({ length: 501 }, (_, i) => `s${i}`) }, false],
    ['no values', { field: 'stage', op: 'in', values: [] }, false],
    ['an empty needle', { field: 'stage', op: 'contains', value: '' }, false],
    ['a pattern of 200 characters', { field: 'stage', op: 'matches', pattern: 'a'.repeat(200) }, true],
    ['a pattern of 201 characters', { field: 'stage', op: 'matches', pattern: 'a'.repeat(201) }, false],
    ['an empty pattern', { field: 'stage', op: 'matches', pattern: '' }, false],
    ['only a maximum', { field: 'score', op: 'between', max: 3 }, true],
    ['an empty all (always)', { all: [] }, true],
    ['50 conditions in any', { any: Array.from({ length: 50 }, () => ({ field: 'score', op: 'exists' })) }, true],
    ['51 conditions in any', { any: Array.from({ length: 51 }, () => ({ field: 'score', op: 'exists' })) }, false],
  ])('%s: accepted %s', (_name, condition, accepted) => {
    expect(Condition.safeParse(condition).success).toBe(accepted);
  });

  it('names the known fields when a field is unknown', () => {
    const result = Condition.safeParse({ field: 'salary', op: 'exists' });
    expect(JSON.stringify(result.error?.issues)).toContain('must be a known field (score, stage, qualifies');
  });
});
