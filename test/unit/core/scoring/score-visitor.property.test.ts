import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreBounds, scoreVisitor, type ScoringFacts } from '../../../../functions/core/scoring/score-visitor.js';
import { Behaviour, JobLevel, ScoringModel } from '../../../../functions/core/scoring/scoring-model.js';
import { NOW } from '../../../fixtures/visitors.js';

const points = fc.integer({ min: -50, max: 50 });
const positive = fc.integer({ min: 0, max: 50 });
const behaviours = Behaviour.options;
const levels = JobLevel.options;

const aModel = fc
  .record({
    sizes: fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 5 }),
    sizePoints: fc.array(points, { minLength: 5, maxLength: 5 }),
    jobPoints: fc.array(points, { minLength: 4, maxLength: 4 }),
    industry: fc.record({ corePoints: points, relatedPoints: points, otherPoints: points }),
    behaviourPoints: fc.array(positive, { minLength: behaviours.length, maxLength: behaviours.length }),
    negative: fc.record({
      unsubscribed: points,
      personalEmail: points,
      inactivePoints: points,
      afterDays: fc.integer({ min: 1, max: 365 }),
    }),
    mql: fc.integer({ min: 0, max: 200 }),
  })
  .map(({ sizes, sizePoints, jobPoints, industry, behaviourPoints, negative, mql }) => {
    const starts = [...sizes].sort((a, b) => a - b);
    return ScoringModel.parse({
      companySize: starts.map((start, index) => ({
        label: `from ${start}`,
        minEmployees: start,
        maxEmployees: index + 1 < starts.length ? starts[index + 1]! - 1 : null,
        points: sizePoints[index]!,
      })),
      jobLevel: Object.fromEntries(levels.map((level, index) => [level, jobPoints[index]!])),
      industry: { core: ['software'], related: ['consulting'], ...industry },
      behaviour: Object.fromEntries(behaviours.map((behaviour, index) => [behaviour, behaviourPoints[index]!])),
      pages: [],
      negative: {
        unsubscribed: negative.unsubscribed,
        personalEmail: negative.personalEmail,
        inactive: { afterDays: negative.afterDays, points: negative.inactivePoints },
      },
      thresholds: { mql },
    });
  });

const someFactsArb: fc.Arbitrary<ScoringFacts> = fc.record({
  employees: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  industry: fc.option(fc.constantFrom('software', 'consulting', 'mining', 'Software'), { nil: null }),
  jobLevel: fc.option(fc.constantFrom(...levels), { nil: null }),
  country: fc.option(fc.constantFrom('US', 'BR', 'PT'), { nil: null }),
  emailKind: fc.option(fc.constantFrom('work' as const, 'personal' as const, 'disposable' as const), { nil: null }),
  behaviours: fc.uniqueArray(fc.constantFrom(...behaviours)),
  unsubscribed: fc.boolean(),
  lastActivityAt: fc.option(
    fc.integer({ min: 0, max: 400 }).map((days) => new Date(NOW.getTime() - days * 86_400_000).toISOString()),
    { nil: null },
  ),
});

describe('scoreVisitor properties', () => {
  it('keeps every score within the bounds of its model', () => {
    fc.assert(
      fc.property(aModel, someFactsArb, (model, facts) => {
        const { min, max } = scoreBounds(model);
        const { total } = scoreVisitor(model, facts, NOW);
        expect(total).toBeGreaterThanOrEqual(min);
        expect(total).toBeLessThanOrEqual(max);
      }),
      { numRuns: 500 },
    );
  });

  it('makes the breakdown sum to the total', () => {
    fc.assert(
      fc.property(aModel, someFactsArb, (model, facts) => {
        const score = scoreVisitor(model, facts, NOW);
        expect(score.breakdown.reduce((sum, line) => sum + line.points, 0)).toBe(score.total);
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers the score when a positive signal is added', () => {
    fc.assert(
      fc.property(aModel, someFactsArb, fc.constantFrom(...behaviours), (model, facts, added) => {
        const before = scoreVisitor(model, facts, NOW).total;
        const after = scoreVisitor(
          model,
          { ...facts, behaviours: [...new Set([...facts.behaviours, added])] },
          NOW,
        ).total;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a visitor who fails a gate qualify', () => {
    fc.assert(
      fc.property(aModel, someFactsArb, (model, facts) => {
        const gated = { ...model, gates: { countries: ['US'] } };
        const score = scoreVisitor(gated, facts, NOW);
        if (facts.country !== 'US') expect(score.qualifies).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
