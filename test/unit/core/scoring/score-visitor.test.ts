import { describe, expect, it } from 'vitest';
import { scoreBounds, scoreVisitor } from '../../../../functions/core/scoring/score-visitor.js';
import { defaultScoringModel, ScoringModel } from '../../../../functions/core/scoring/scoring-model.js';
import { NOW, someFacts } from '../../../fixtures/visitors.js';

const model = defaultScoringModel;

describe('scoreVisitor with the seed model', () => {
  it('scores 201–1000 employees + VP + core industry at 25 + 25 + 20 = 70: an MQL', () => {
    const score = scoreVisitor(
      model,
      someFacts({ employees: 500, jobLevel: 'vp-director', industry: 'Software', emailKind: 'work' }),
      NOW,
    );

    expect(score).toEqual({
      total: 70,
      threshold: 70,
      qualifies: true,
      gates: [],
      breakdown: [
        { rule: 'company-size', category: 'demographic', points: 25, reason: '500 employees: band 201–1000' },
        { rule: 'job-level', category: 'demographic', points: 25, reason: 'job level vp-director' },
        { rule: 'industry', category: 'demographic', points: 20, reason: 'industry "Software": core target' },
      ],
    });
  });

  it('takes 10 off for a free-mail address: 60, not an MQL', () => {
    const score = scoreVisitor(
      model,
      someFacts({ employees: 500, jobLevel: 'vp-director', industry: 'Software', emailKind: 'personal' }),
      NOW,
    );

    expect(score.total).toBe(60);
    expect(score.qualifies).toBe(false);
    expect(score.breakdown.at(-1)).toEqual({
      rule: 'personal-email',
      category: 'negative',
      points: -10,
      reason: 'personal (free-mail) email address',
    });
  });

  it('adds each behaviour once with its points', () => {
    const score = scoreVisitor(
      model,
      someFacts({
        behaviours: ['pricing-page', 'case-study', 'whitepaper', 'webinar', 'repeat-visit', 'demo-request'],
      }),
      NOW,
    );

    expect(score.breakdown.map((line) => [line.rule, line.points])).toEqual([
      ['behaviour:pricing-page', 20],
      ['behaviour:case-study', 15],
      ['behaviour:whitepaper', 10],
      ['behaviour:webinar', 10],
      ['behaviour:repeat-visit', 5],
      ['behaviour:demo-request', 30],
    ]);
    expect(score.total).toBe(90);
  });

  it('scores the size bands at their edges: 50 → 5, 51 → 15, 200 → 15, 201 → 25, 1000 → 25, 1001 → 30', () => {
    const pointsFor = (employees: number) => scoreVisitor(model, someFacts({ employees }), NOW).total;

    expect([50, 51, 200, 201, 1000, 1001].map(pointsFor)).toEqual([5, 15, 15, 25, 25, 30]);
  });

  it('gives related industries 10 and others 0, case-insensitively', () => {
    expect(scoreVisitor(model, someFacts({ industry: 'IT Services' }), NOW).total).toBe(10);
    expect(scoreVisitor(model, someFacts({ industry: 'Mining' }), NOW).breakdown).toEqual([
      { rule: 'industry', category: 'demographic', points: 0, reason: 'industry "Mining": not a target' },
    ]);
  });

  it('takes 15 off after 90 days without activity and 10 off for an unsubscribe', () => {
    const score = scoreVisitor(
      model,
      someFacts({ lastActivityAt: '2026-08-27T10:00:00.000Z', unsubscribed: true }),
      NOW,
    );

    expect(score.breakdown).toEqual([
      { rule: 'unsubscribed', category: 'negative', points: -10, reason: 'unsubscribed from marketing mail' },
      { rule: 'inactive', category: 'negative', points: -15, reason: 'no activity for 90 days' },
    ]);
    expect(scoreVisitor(model, someFacts({ lastActivityAt: '2026-08-28T10:00:00.000Z' }), NOW).total).toBe(0);
  });

  it('holds back an MQL that fails a must-have gate, and says why', () => {
    const gated = ScoringModel.parse({ ...model, gates: { minEmployees: 1000, countries: ['US', 'CA'] } });

    const score = scoreVisitor(
      gated,
      someFacts({
        employees: 500,
        jobLevel: 'c-level',
        industry: 'Software',
        country: 'BR',
        behaviours: ['demo-request'],
      }),
      NOW,
    );

    expect(score.total).toBe(105);
    expect(score.qualifies).toBe(false);
    expect(score.gates).toEqual([
      { gate: 'company-size', passed: false, reason: '500 employees, required 1000–∞' },
      { gate: 'region', passed: false, reason: 'country BR, served: US, CA' },
    ]);
  });

  it('treats an unknown attribute as failing a gate on it', () => {
    const gated = ScoringModel.parse({
      ...model,
      gates: { industries: ['core'], jobLevels: ['c-level', 'vp-director'] },
    });

    expect(scoreVisitor(gated, someFacts(), NOW).gates).toEqual([
      { gate: 'industry', passed: false, reason: 'industry unknown' },
      { gate: 'job-level', passed: false, reason: 'job level unknown' },
    ]);
  });

  it('knows the bounds of the seed model: −35 to 170', () => {
    expect(scoreBounds(model)).toEqual({ min: -35, max: 170 });
  });
});

describe('ScoringModel validation', () => {
  it('rejects overlapping size bands with the path of the offending band', () => {
    const result = ScoringModel.safeParse({
      ...model,
      companySize: [
        { label: 'a', minEmployees: 1, maxEmployees: 100, points: 1 },
        { label: 'b', minEmployees: 50, maxEmployees: null, points: 2 },
      ],
    });

    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['companySize.1.minEmployees']);
  });

  it('needs points for every job level and every behaviour', () => {
    const { manager: _dropped, ...jobLevel } = model.jobLevel;
    expect(ScoringModel.safeParse({ ...model, jobLevel }).success).toBe(false);
  });
});
