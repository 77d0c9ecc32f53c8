import { describe, expect, it } from 'vitest';
import { Condition, evaluateCondition, type RoutingFacts } from '../../../../functions/core/routing/condition.js';
import { installPatternEngine } from '../../../../functions/core/routing/pattern-engine.js';
import { re2jsPatternEngine } from '../../../../functions/core/routing/re2js-pattern-engine.js';

// `matches` runs on the engine the rulebook store or routes install in the product.
installPatternEngine(re2jsPatternEngine);

const facts: RoutingFacts = {
  score: 82,
  stage: 'mql',
  qualifies: true,
  'company.employees': 850,
  'company.industry': 'Software',
  'geo.country': 'US',
  'account.tier': '1',
  'account.owner': null,
  'visitor.behaviours': ['pricing-page', 'webinar'],
  'page.url': 'https://acme.test/pricing?plan=enterprise',
  'utm.campaign': 'Q4-Enterprise-Push',
  'time.businessHours': false,
  answers: { timeline: 'this quarter' },
};
const check = (condition: unknown) => evaluateCondition(Condition.parse(condition), facts);

describe('evaluateCondition', () => {
  it.each([
    ['equals a number', { field: 'score', op: 'equals', value: 82 }, true],
    ['equals text, ignoring case', { field: 'geo.country', op: 'equals', value: 'us' }, true],
    ['equals a boolean', { field: 'time.businessHours', op: 'equals', value: true }, false],
    ['in a list', { field: 'geo.country', op: 'in', values: ['CA', 'US'] }, true],
    ['in, against a list field', { field: 'visitor.behaviours', op: 'in', values: ['demo-request', 'webinar'] }, true],
    ['between, inclusive', { field: 'company.employees', op: 'between', min: 201, max: 850 }, true],
    ['between with only a minimum', { field: 'score', op: 'between', min: 83 }, false],
    ['between on an unknown value', { field: 'account.owner', op: 'between', min: 0 }, false],
    ['contains text', { field: 'page.url', op: 'contains', value: 'PRICING' }, true],
    ['contains in a list', { field: 'visitor.behaviours', op: 'contains', value: 'demo-request' }, false],
    ['matches a safe pattern', { field: 'utm.campaign', op: 'matches', pattern: '^q[1-4]-enterprise' }, true],
    ['exists', { field: 'account.tier', op: 'exists' }, true],
    ['exists on an unknown value', { field: 'account.owner', op: 'exists' }, false],
    ['an answer from the chat', { field: 'answers.timeline', op: 'contains', value: 'quarter' }, true],
    ['a missing answer', { field: 'answers.budget', op: 'exists' }, false],
  ])('%s', (_name, condition, expected) => {
    expect(check(condition).matched).toBe(expected);
  });

  it('nests all, any and not, and explains the first reason a condition fails', () => {
    const condition = {
      all: [
        { field: 'qualifies', op: 'equals', value: true },
        {
          any: [
            { field: 'geo.country', op: 'in', values: ['PT', 'ES'] },
            { not: { field: 'company.employees', op: 'between', max: 1000 } },
          ],
        },
      ],
    };

    expect(check(condition)).toEqual({
      matched: false,
      because: 'none held: geo.country "US" is not in [PT, ES]; excluded: company.employees 850 is in −∞…1000',
    });
    expect(check({ all: [] })).toEqual({ matched: true, because: 'always' });
    expect(check({ not: { field: 'stage', op: 'equals', value: 'lead' } })).toEqual({
      matched: true,
      because: 'not (stage "mql" ≠ "lead")',
    });
  });

  it('says why a leaf did not match', () => {
    expect(check({ field: 'score', op: 'between', min: 90 })).toEqual({
      matched: false,
      because: 'score 82 is not in 90…∞',
    });
    expect(check({ field: 'account.owner', op: 'exists' })).toEqual({
      matched: false,
      because: 'account.owner is unknown',
    });
  });
});

describe('Condition schema', () => {
  it.each([
    ['an unknown field', { field: 'salary', op: 'exists' }],
    ['an unknown operator', { field: 'score', op: 'greater', value: 1 }],
    ['a range without bounds', { field: 'score', op: 'between' }],
    ['a pattern RE2 cannot run (a backreference)', { field: 'page.url', op: 'matches', pattern: '(a)\\1' }],
    ['a pattern RE2 cannot run (lookahead)', { field: 'page.url', op: 'matches', pattern: 'a(?=b)' }],
    ['a broken pattern', { field: 'page.url', op: 'matches', pattern: '([a-z' }],
    ['an empty any', { any: [] }],
    ['extra keys', { field: 'score', op: 'exists', value: 3 }],
  ])('refuses %s', (_name, condition) => {
    expect(Condition.safeParse(condition).success).toBe(false);
  });
});

describe('bounded conditions', () => {
  const nested = (levels: number) => {
    let condition: unknown = { field: 'score', op: 'exists' };
    for (let level = 1; level < levels; level += 1) condition = { not: condition };
    return condition;
  };

  it('accepts a condition nested 8 levels deep and refuses 9', () => {
    expect(Condition.safeParse(nested(8)).success).toBe(true);
    expect(Condition.safeParse(nested(9)).success).toBe(false);
  });

  it('refuses a condition nested 1,300 levels deep without overflowing the stack', () => {
    expect(Condition.safeParse(nested(1300)).success).toBe(false);
  });

  it('matches a pattern that backtracks in JavaScript regular expressions in linear time on a long URL', () => {
    const url = `https://acme.test/${'a'.repeat(1980)}`;
    const slow = { field: 'page.url', op: 'matches', pattern: '.*.*.*.*=' };
    expect(evaluateCondition(Condition.parse(slow), { ...facts, 'page.url': url }).matched).toBe(false);
    expect(evaluateCondition(Condition.parse(slow), { ...facts, 'page.url': `${url}=` }).matched).toBe(true);
  });
});
