import { describe, expect, it } from 'vitest';
import { defaultRulebookContent } from '../../../../functions/core/rulebook/rulebook.js';
import { simulateRulebook, startSimulation } from '../../../../functions/core/rulebook/simulate-rulebook.js';
import type { CompanyFacts, VisitorProfile } from '../../../../functions/core/visitors/visitor-profile.js';
import { aRepState } from '../../../fixtures/builders.js';
import { aRulebook } from '../../../fixtures/rulebooks.js';
import { aVisitor, NOW } from '../../../fixtures/visitors.js';

const account = (employees: number, industry: string, ownerRepId: string | null): CompanyFacts => ({
  source: 'account-list',
  domain: 'x.io',
  name: 'X',
  employees,
  industry,
  country: 'US',
  region: null,
  tier: '1',
  ownerRepId,
  matchedBy: 'email-domain',
});

// A known history: two MQLs (one a named account), one lead at 50 points, one anonymous visitor.
const history = [
  aVisitor({
    visitorId: 'V1',
    answers: { email: 'a@x.io', jobLevel: 'vp-director' },
    emailKind: 'work',
    account: account(500, 'Software', 'rep-ana'),
  }),
  aVisitor({
    visitorId: 'V2',
    answers: { email: 'b@x.io', jobLevel: 'manager' },
    emailKind: 'work',
    account: account(100, 'Software', null),
  }),
  aVisitor({
    visitorId: 'V3',
    answers: { email: 'c@x.io', jobLevel: 'c-level' },
    emailKind: 'work',
    account: account(300, 'Consulting', null),
    behaviours: { 'pricing-page': NOW.toISOString() },
  }),
  aVisitor({ visitorId: 'V4' }),
];
const states = new Map(['rep-ana', 'rep-ben', 'rep-carla'].map((repId) => [repId, aRepState(repId)]));

describe('simulateRulebook', () => {
  it('reports every number a draft would change against the live version', async () => {
    const live = aRulebook({}, 4);
    // The draft lowers the MQL bar to 50 and drops account-based routing.
    const draft = aRulebook(
      {
        scoring: { ...defaultRulebookContent.scoring, thresholds: { mql: 50 } },
        rules: defaultRulebookContent.rules.filter((rule) => rule.id !== 'named-accounts'),
      },
      5,
    );

    const report = await simulateRulebook(live, draft, history, states, NOW);

    expect(report).toEqual({
      visitors: 4,
      liveVersion: 4,
      mql: { live: 2, draft: 3, change: 1 },
      ruleHits: [
        { key: '(no rule)', live: 2, draft: 1, change: -1 },
        { key: 'mql', live: 1, draft: 3, change: 2 },
        { key: 'named-accounts', live: 1, draft: 0, change: -1 },
      ],
      targets: [
        { key: 'nurture:guide', live: 2, draft: 1, change: -1 },
        { key: 'owner:rep-ana', live: 1, draft: 0, change: -1 },
        { key: 'pool:inbound', live: 1, draft: 3, change: 2 },
      ],
      repLoad: [
        { key: 'rep-ana', live: 2, draft: 1, change: -1 },
        { key: 'rep-ben', live: 0, draft: 1, change: 1 },
        { key: 'rep-carla', live: 0, draft: 1, change: 1 },
      ],
      outcomes: [
        { key: 'nurture:guide', live: 2, draft: 1, change: -1 },
        { key: 'rep:rep-ana', live: 2, draft: 1, change: -1 },
        { key: 'rep:rep-ben', live: 0, draft: 1, change: 1 },
        { key: 'rep:rep-carla', live: 0, draft: 1, change: 1 },
      ],
      // V3 only draws another rep of the same pool: no change.
      changedCount: 2,
      changed: [
        {
          visitorId: 'V1',
          live: {
            stage: 'mql',
            qualifies: true,
            ruleId: 'named-accounts',
            target: 'owner:rep-ana',
            route: 'rep:rep-ana',
          },
          draft: { stage: 'mql', qualifies: true, ruleId: 'mql', target: 'pool:inbound', route: 'rep:rep-ana' },
        },
        {
          visitorId: 'V2',
          live: { stage: 'lead', qualifies: false, ruleId: null, target: 'nurture:guide', route: 'nurture:guide' },
          draft: { stage: 'mql', qualifies: true, ruleId: 'mql', target: 'pool:inbound', route: 'rep:rep-ben' },
        },
      ],
    });
  });

  it('reports the MQL change of a gate that disqualifies visitors whose stored stage stays MQL', async () => {
    const stored = history.map(
      (visitor) => ({ ...visitor, stage: visitor.visitorId === 'V2' ? 'lead' : 'mql' }) as VisitorProfile,
    );
    const gated = aRulebook({ scoring: { ...defaultRulebookContent.scoring, gates: { countries: ['DE'] } } }, 5);

    const report = await simulateRulebook(aRulebook({}, 4), gated, stored, states, NOW);

    expect(report.mql).toEqual({ live: 2, draft: 0, change: -2 });
    expect(
      report.changed.map(({ visitorId, live, draft }) => [visitorId, live.qualifies, draft.qualifies, draft.stage]),
    ).toEqual([
      ['V1', true, false, 'mql'],
      ['V3', true, false, 'mql'],
    ]);
    expect(report.changedCount).toBe(2);
  });

  it('reports no changed visitor for a draft that only changes which rep of a pool is drawn', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...history[2]!, visitorId: `V3-${i}` }));
    const [inbound, ...otherPools] = defaultRulebookContent.pools;
    const reweighted = aRulebook(
      {
        pools: [
          {
            ...inbound!,
            members: inbound!.members.map((member) => ({ ...member, weight: member.repId === 'rep-carla' ? 3 : 1 })),
          },
          ...otherPools,
        ],
      },
      5,
    );

    const report = await simulateRulebook(aRulebook({}, 4), reweighted, many, states, NOW);

    expect(report.repLoad.some((load) => load.change !== 0)).toBe(true);
    expect(report.changedCount).toBe(0);
    expect(report.changed).toEqual([]);
  });

  it('gives the same report whether the visitors arrive in one page or several', async () => {
    const live = aRulebook({}, 4);
    const draft = aRulebook({ scoring: { ...defaultRulebookContent.scoring, thresholds: { mql: 50 } } }, 5);
    const paged = startSimulation(live, draft, states, NOW);

    for (const page of [history.slice(0, 1), history.slice(1, 3), history.slice(3)]) await paged.add(page);

    expect(paged.report()).toEqual(await simulateRulebook(live, draft, history, states, NOW));
  });

  it('reports no change for a draft equal to the live version', async () => {
    const report = await simulateRulebook(aRulebook({}, 1), aRulebook({}, 2), history, states, NOW);

    expect(report.changed).toEqual([]);
    expect(report.mql.change).toBe(0);
    expect(report.ruleHits.every((hit) => hit.change === 0)).toBe(true);
  });
});
