import { describe, expect, it } from 'vitest';
import type { RoutingFacts } from '../../../../functions/core/routing/condition.js';
import { explainDecision, snapshotFacts } from '../../../../functions/core/routing/routing-decision.js';
import type { RoutingRule } from '../../../../functions/core/rulebook/rulebook.js';
import { aRoutingDecision } from '../../../fixtures/builders.js';

const rules: RoutingRule[] = [
  {
    id: 'enterprise',
    name: 'Enterprise',
    when: { field: 'company.employees', op: 'between', min: 1000 },
    route: { type: 'pool', poolId: 'enterprise' },
  },
  {
    id: 'german',
    name: 'German speakers',
    when: {
      all: [
        { field: 'geo.region', op: 'equals', value: 'DACH' },
        { field: 'answers.lang', op: 'exists' },
      ],
    },
    route: { type: 'rep', repId: 'rep-ana' },
  },
  {
    id: 'paid',
    name: 'Paid traffic',
    when: { field: 'utm.medium', op: 'equals', value: 'cpc' },
    route: { type: 'pool', poolId: 'inbound' },
  },
];
const rulebook = { rules };

const everyFact = (): RoutingFacts => ({
  score: 80,
  stage: 'mql',
  qualifies: true,
  'account.owner': 'rep-bo',
  'company.employees': 50,
  'geo.country': 'DE',
  'geo.region': 'DACH',
  'utm.medium': 'cpc',
  'page.path': '/pricing',
  answers: { lang: 'de', need: 'routing' },
});

describe('the facts a routing decision keeps', () => {
  it('keeps the summary and what the rules up to the matched one read, nothing a later rule or no rule reads', () => {
    expect(snapshotFacts(rulebook, 1, everyFact())).toEqual({
      score: 80,
      stage: 'mql',
      qualifies: true,
      'account.owner': 'rep-bo',
      'company.employees': 50,
      'geo.country': 'DE',
      'geo.region': 'DACH',
      answers: { lang: 'de' },
    });
  });

  it('keeps what every rule read when none matched', () => {
    expect(snapshotFacts(rulebook, -1, everyFact())).toEqual(
      expect.objectContaining({ 'geo.region': 'DACH', 'utm.medium': 'cpc', answers: { lang: 'de' } }),
    );
  });

  it('leaves out what the visitor does not have: absent or null facts and unanswered questions', () => {
    const facts: RoutingFacts = {
      score: 0,
      qualifies: false,
      'account.owner': null,
      'geo.region': '',
      answers: { need: 'x' },
    };

    expect(snapshotFacts(rulebook, 1, facts)).toStrictEqual({
      score: 0,
      qualifies: false,
      'geo.region': '',
      answers: {},
    });
  });

  it('keeps an empty answer, which a rule can read', () => {
    expect(snapshotFacts(rulebook, 1, { answers: { lang: '' } }).answers).toEqual({ lang: '' });
  });
});

describe('explaining a stored decision', () => {
  it('reads each rule up to the match with its reason, and the summary facts from the snapshot', () => {
    const facts = snapshotFacts(rulebook, 1, everyFact());

    const explained = explainDecision(rulebook, aRoutingDecision({ facts, matchedRuleId: 'german' }));

    expect(explained.facts).toEqual({
      score: 80,
      stage: 'mql',
      qualifies: true,
      accountOwner: 'rep-bo',
      employees: 50,
      country: 'DE',
    });
    expect(explained.snapshot).toBe(facts);
    expect(explained.rules.map(({ ruleId, name, matched }) => [ruleId, name, matched])).toEqual([
      ['enterprise', 'Enterprise', false],
      ['german', 'German speakers', true],
    ]);
    expect(explained.rules.every((rule) => rule.because.length > 0)).toBe(true);
    expect(explained.reproduced).toBe(true);
    expect(explained.matchedRuleId).toBe('german');
    expect(explained.outcome).toEqual(aRoutingDecision().outcome);
  });

  it('says a decision does not reproduce when the rules now match another rule, or none', () => {
    const facts = snapshotFacts(rulebook, 1, everyFact());

    expect(explainDecision(rulebook, aRoutingDecision({ facts, matchedRuleId: 'paid' })).reproduced).toBe(false);
    expect(explainDecision(rulebook, aRoutingDecision({ facts, matchedRuleId: null })).reproduced).toBe(false);
  });

  it('reads the match from the last rule evaluated, however many came before it', () => {
    const facts: RoutingFacts = { 'utm.medium': 'cpc', answers: {} };

    const explained = explainDecision(rulebook, aRoutingDecision({ facts, matchedRuleId: 'paid' }));

    expect(explained.rules.map((rule) => rule.matched)).toEqual([false, false, true]);
    expect(explained.reproduced).toBe(true);
  });

  it('reproduces "no rule matched" only when no rule matches', () => {
    const facts: RoutingFacts = { score: 10, answers: {} };

    expect(explainDecision(rulebook, aRoutingDecision({ facts, matchedRuleId: null })).reproduced).toBe(true);
    expect(explainDecision(rulebook, aRoutingDecision({ facts, matchedRuleId: 'enterprise' })).reproduced).toBe(false);
    expect(explainDecision({ rules: [] }, aRoutingDecision({ facts, matchedRuleId: null })).reproduced).toBe(true);
  });

  it.each([
    ['nothing known', { answers: {} }, { score: 0, stage: 'visitor', qualifies: false }],
    [
      'facts of the wrong type',
      {
        score: '80',
        stage: 3,
        qualifies: 'true',
        'account.owner': 7,
        'company.employees': '50',
        'geo.country': true,
        answers: {},
      },
      { score: 0, stage: 'visitor', qualifies: false },
    ],
  ])('reads a summary with %s as unknown', (_, facts, expected) => {
    const explained = explainDecision(rulebook, aRoutingDecision({ facts: facts as unknown as RoutingFacts }));

    expect(explained.facts).toEqual({ ...expected, accountOwner: null, employees: null, country: null });
  });
});
