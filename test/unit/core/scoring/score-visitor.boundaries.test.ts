import { describe, expect, it } from 'vitest';
import { industryTier, scoreBounds, scoreVisitor } from '../../../../functions/core/scoring/score-visitor.js';
import { defaultScoringModel, type ScoringModel } from '../../../../functions/core/scoring/scoring-model.js';
import { NOW, someFacts } from '../../../fixtures/visitors.js';

const withGates = (gates: ScoringModel['gates']): ScoringModel => ({ ...defaultScoringModel, gates });
const gateOf = (model: ScoringModel, facts: Parameters<typeof someFacts>[0]) =>
  scoreVisitor(model, someFacts(facts), NOW).gates;
const daysAgo = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * 86_400_000 - extraMs).toISOString();

describe('scoreVisitor at each boundary of the seed model', () => {
  it.each([
    [0, null],
    [1, '1–50'],
    [50, '1–50'],
    [51, '51–200'],
    [200, '51–200'],
    [201, '201–1000'],
    [1000, '201–1000'],
    [1001, '1000+'],
    [1_000_000, '1000+'],
  ])('puts a company of %i employees in band %s (bands are inclusive at both ends)', (employees, label) => {
    const line = scoreVisitor(defaultScoringModel, someFacts({ employees }), NOW).breakdown.find(
      (l) => l.rule === 'company-size',
    );
    expect(line?.reason ?? null).toBe(label === null ? null : `${employees} employees: band ${label}`);
  });

  it.each([
    [89, false],
    [90, true],
  ])('counts a visitor idle %i full days as inactive only from the 90th day: %s', (days, inactive) => {
    const score = scoreVisitor(defaultScoringModel, someFacts({ lastActivityAt: daysAgo(days) }), NOW);
    expect(score.breakdown).toEqual(
      inactive ? [{ rule: 'inactive', category: 'negative', points: -15, reason: `no activity for ${days} days` }] : [],
    );
  });

  it('rounds idle time down to whole days: 89 days and 23 hours is not yet inactive', () => {
    const score = scoreVisitor(defaultScoringModel, someFacts({ lastActivityAt: daysAgo(89, 23 * 3_600_000) }), NOW);
    expect(score.total).toBe(0);
  });

  it.each([
    // 201–1000 (25) + VP (25) + core (20) = 70, the threshold itself.
    ['exactly the threshold', { employees: 500, jobLevel: 'vp-director', industry: 'Software' } as const, 70, true],
    ['one point under', { employees: 500, jobLevel: 'vp-director', industry: 'IT Services' } as const, 60, false],
  ])('qualifies a visitor at %s', (_name, facts, total, qualifies) => {
    const score = scoreVisitor(defaultScoringModel, someFacts(facts), NOW);
    expect({ total: score.total, qualifies: score.qualifies, threshold: score.threshold }).toEqual({
      total,
      qualifies,
      threshold: 70,
    });
  });

  it('gives each negative its points and its reason', () => {
    const score = scoreVisitor(
      defaultScoringModel,
      someFacts({ unsubscribed: true, emailKind: 'disposable', lastActivityAt: null }),
      NOW,
    );
    expect(score.breakdown).toEqual([
      { rule: 'unsubscribed', category: 'negative', points: -10, reason: 'unsubscribed from marketing mail' },
      { rule: 'personal-email', category: 'negative', points: -10, reason: 'disposable email address' },
    ]);
    expect(score.total).toBe(-20);
  });

  it.each([
    ['work', 0],
    [null, 0],
    ['personal', -10],
  ] as const)('takes points off a %s address: %i', (emailKind, points) => {
    expect(scoreVisitor(defaultScoringModel, someFacts({ emailKind }), NOW).total).toBe(points);
  });

  it.each([
    ['Software', 'core', 20, 'industry "Software": core target'],
    ['  SaaS ', 'core', 20, 'industry "  SaaS ": core target'],
    ['Consulting', 'related', 10, 'industry "Consulting": related target'],
    ['Mining', 'other', 0, 'industry "Mining": not a target'],
  ])('scores the industry %s as %s', (industry, tier, points, reason) => {
    expect(industryTier(defaultScoringModel, industry)).toBe(tier);
    expect(scoreVisitor(defaultScoringModel, someFacts({ industry }), NOW).breakdown).toEqual([
      { rule: 'industry', category: 'demographic', points, reason },
    ]);
  });

  it('tiers an industry by the lists of the model asked, whichever model asked first', () => {
    const mining: ScoringModel = {
      ...defaultScoringModel,
      industry: { ...defaultScoringModel.industry, core: ['Mining'], related: ['Software'] },
    };

    expect([
      industryTier(defaultScoringModel, 'Mining'),
      industryTier(mining, 'Mining'),
      industryTier(mining, ' MINING '),
      industryTier(defaultScoringModel, ' MINING '),
      industryTier(mining, 'Software'),
      industryTier(defaultScoringModel, 'Software'),
    ]).toEqual(['other', 'core', 'core', 'other', 'related', 'core']);
  });

  it('knows no industry tier for an unknown industry and scores nothing for it', () => {
    expect(industryTier(defaultScoringModel, null)).toBeNull();
    expect(scoreVisitor(defaultScoringModel, someFacts({ industry: null }), NOW).breakdown).toEqual([]);
  });

  it.each([
    ['c-level', 30],
    ['vp-director', 25],
    ['manager', 15],
    ['individual', 5],
  ] as const)('gives a %s %i points', (jobLevel, points) => {
    expect(scoreVisitor(defaultScoringModel, someFacts({ jobLevel }), NOW).breakdown).toEqual([
      { rule: 'job-level', category: 'demographic', points, reason: `job level ${jobLevel}` },
    ]);
  });
});

describe('the must-have ICP gates', () => {
  const sizeGate = withGates({ minEmployees: 51, maxEmployees: 1000 });

  it.each([
    [50, false],
    [51, true],
    [1000, true],
    [1001, false],
  ])('lets a company of %i employees through the 51–1000 size gate: %s', (employees, passed) => {
    expect(gateOf(sizeGate, { employees })).toEqual([
      { gate: 'company-size', passed, reason: `${employees} employees, required 51–1000` },
    ]);
  });

  it('reads a missing bound as open: no maximum is ∞, no minimum is 0', () => {
    expect(gateOf(withGates({ minEmployees: 51 }), { employees: 1_000_000 })).toEqual([
      { gate: 'company-size', passed: true, reason: '1000000 employees, required 51–∞' },
    ]);
    expect(gateOf(withGates({ maxEmployees: 10 }), { employees: 0 })).toEqual([
      { gate: 'company-size', passed: true, reason: '0 employees, required 0–10' },
    ]);
  });

  it('fails every gate whose fact is unknown', () => {
    const model = withGates({ minEmployees: 1, industries: ['core'], jobLevels: ['c-level'], countries: ['US'] });
    expect(gateOf(model, {})).toEqual([
      { gate: 'company-size', passed: false, reason: 'company size unknown' },
      { gate: 'industry', passed: false, reason: 'industry unknown' },
      { gate: 'job-level', passed: false, reason: 'job level unknown' },
      { gate: 'region', passed: false, reason: 'country unknown' },
    ]);
  });

  it.each([
    ['Software', ['core'], true, 'industry tier core, required core'],
    ['Consulting', ['core'], false, 'industry tier related, required core'],
    ['Consulting', ['core', 'related'], true, 'industry tier related, required core or related'],
    ['Mining', ['core', 'related'], false, 'industry tier other, required core or related'],
  ] as const)('gates the industry %s on %j: %s', (industry, industries, passed, reason) => {
    expect(gateOf(withGates({ industries: [...industries] }), { industry })).toEqual([
      { gate: 'industry', passed, reason },
    ]);
  });

  it.each([
    ['vp-director', true],
    ['manager', false],
  ] as const)('gates the job level %s on c-level or vp-director: %s', (jobLevel, passed) => {
    expect(gateOf(withGates({ jobLevels: ['c-level', 'vp-director'] }), { jobLevel })).toEqual([
      { gate: 'job-level', passed, reason: `job level ${jobLevel}, required c-level or vp-director` },
    ]);
  });

  it.each([
    ['PT', true],
    ['BR', false],
  ])('serves a visitor from %s in the US and PT region: %s', (country, passed) => {
    expect(gateOf(withGates({ countries: ['US', 'PT'] }), { country })).toEqual([
      { gate: 'region', passed, reason: `country ${country}, served: US, PT` },
    ]);
  });

  it('keeps a visitor over the threshold from qualifying when one gate fails', () => {
    const facts = someFacts({ employees: 5000, jobLevel: 'c-level', industry: 'Software', country: 'BR' });
    const open = scoreVisitor(defaultScoringModel, facts, NOW);
    const gated = scoreVisitor(withGates({ countries: ['US'] }), facts, NOW);
    expect([open.total, open.qualifies]).toEqual([80, true]);
    expect([gated.total, gated.qualifies]).toEqual([80, false]);
  });
});

describe('scoreBounds', () => {
  it('adds up the lowest and the highest each rule can give, counting a rule that does not apply as 0', () => {
    // Highest: 30 (size) + 30 (C-level) + 20 (core) + 90 (every behaviour); lowest: three negatives.
    expect(scoreBounds(defaultScoringModel)).toEqual({ min: -35, max: 170 });
  });

  it('counts a negative band in the minimum', () => {
    const model: ScoringModel = {
      ...defaultScoringModel,
      companySize: [{ label: 'any', minEmployees: 0, maxEmployees: null, points: -5 }],
    };
    expect(scoreBounds(model)).toEqual({ min: -40, max: 140 });
  });
});
