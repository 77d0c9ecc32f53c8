import { describe, expect, it } from 'vitest';
import { defaultRulebookContent } from '../../../../functions/core/rulebook/rulebook.js';
import { validateRulebook } from '../../../../functions/core/rulebook/validate-rulebook.js';
import { aRulebook, DEMO_REP_IDS } from '../../../fixtures/rulebooks.js';

describe('validateRulebook', () => {
  it('finds nothing wrong with the default rulebook', () => {
    expect(validateRulebook(defaultRulebookContent, DEMO_REP_IDS)).toEqual([]);
  });

  it('reports unknown reps, empty pools, unknown pools and nurtures, each with its path', () => {
    const rulebook = aRulebook({
      pools: [
        {
          id: 'inbound',
          name: 'Inbound',
          strategy: 'weighted-round-robin',
          members: [
            { repId: 'rep-ana', weight: 1 },
            { repId: 'rep-zed', weight: 1 },
          ],
          visitorPicks: false,
        },
        { id: 'empty', name: 'Empty', strategy: 'least-loaded', members: [], visitorPicks: false },
      ],
      rules: [
        {
          id: 'to-zed',
          name: 'Zed',
          when: { field: 'score', op: 'between', min: 90 },
          route: { type: 'rep', repId: 'rep-zed' },
        },
        {
          id: 'to-nowhere',
          name: 'Nowhere',
          when: { field: 'qualifies', op: 'equals', value: true },
          route: { type: 'pool', poolId: 'nowhere' },
        },
      ],
      fallbacks: [{ type: 'nurture', nurtureId: 'missing' }],
      unrouted: { nurtureId: 'also-missing' },
    });

    expect(validateRulebook(rulebook, DEMO_REP_IDS)).toEqual([
      { path: '/pools/0/members/1/repId', message: 'unknown rep "rep-zed"' },
      { path: '/pools/1/members', message: 'pool "empty" has no reps' },
      { path: '/rules/0/route/repId', message: 'unknown rep "rep-zed"' },
      { path: '/rules/1/route/poolId', message: 'unknown pool "nowhere"' },
      { path: '/fallbacks/0/nurtureId', message: 'unknown nurture "missing"' },
      { path: '/unrouted/nurtureId', message: 'unknown nurture "also-missing"' },
    ]);
  });

  it('reports a rule an earlier rule always catches first: the same condition, a narrower conjunction, or after a catch-all', () => {
    const mql = { field: 'qualifies', op: 'equals', value: true } as const;
    const rulebook = aRulebook({
      rules: [
        { id: 'mql', name: 'MQL', when: mql, route: { type: 'pool', poolId: 'inbound' } },
        { id: 'mql-again', name: 'MQL again', when: mql, route: { type: 'pool', poolId: 'enterprise' } },
        {
          id: 'big-mql',
          name: 'Big MQL',
          when: { all: [mql, { field: 'company.employees', op: 'between', min: 1000 }] },
          route: { type: 'pool', poolId: 'enterprise' },
        },
        { id: 'catch-all', name: 'Everyone', when: { all: [] }, route: { type: 'nurture', nurtureId: 'guide' } },
        {
          id: 'after-all',
          name: 'Never',
          when: { field: 'geo.country', op: 'equals', value: 'PT' },
          route: { type: 'rep', repId: 'rep-carla' },
        },
        {
          id: 'any-is-fine',
          name: 'Not a conjunction',
          when: { any: [mql] },
          route: { type: 'rep', repId: 'rep-ana' },
        },
      ],
    });

    expect(validateRulebook(rulebook, DEMO_REP_IDS).map((problem) => problem.path)).toEqual([
      '/rules/1',
      '/rules/2',
      '/rules/4',
    ]);
    expect(validateRulebook(rulebook, DEMO_REP_IDS)[1]).toEqual({
      path: '/rules/2',
      message: 'rule "big-mql" never matches: rule "mql" catches every visitor it would',
    });
  });

  it('reports fallbacks that can never be reached', () => {
    const rulebook = aRulebook({
      fallbacks: [
        { type: 'pool', poolId: 'inbound' },
        { type: 'pool', poolId: 'inbound' },
        { type: 'nurture', nurtureId: 'follow-up' },
        { type: 'rep', repId: 'rep-ben' },
      ],
    });

    expect(validateRulebook(rulebook, DEMO_REP_IDS)).toEqual([
      { path: '/fallbacks/1', message: 'unreachable: the same target was already tried earlier in the chain' },
      { path: '/fallbacks/3', message: 'unreachable: a nurture fallback before it always ends the chain' },
    ]);
  });

  it('reports duplicate ids and a business day that ends before it starts', () => {
    const rulebook = aRulebook({
      nurtures: [...defaultRulebookContent.nurtures, defaultRulebookContent.nurtures[0]!],
      businessHours: { timeZone: 'Mars/Olympus', days: [1], start: '18:00', end: '09:00' },
    });

    expect(validateRulebook(rulebook, DEMO_REP_IDS)).toEqual([
      { path: '/nurtures/2/id', message: 'duplicate id "guide"' },
      { path: '/businessHours/end', message: 'must be after start' },
      { path: '/businessHours/timeZone', message: 'unknown time zone "Mars/Olympus"' },
    ]);
  });
});
