import { describe, expect, it } from 'vitest';
import { describeCondition } from '../../../../functions/core/rulebook/describe-condition.js';
import { describeRulebookChanges } from '../../../../functions/core/rulebook/describe-rulebook-changes.js';
import { defaultHandoffPolicy } from '../../../../functions/core/funnel/handoff-policy.js';
import { defaultRulebookContent, type RulebookContent } from '../../../../functions/core/rulebook/rulebook.js';

const live = () => structuredClone(defaultRulebookContent);
const texts = (before: RulebookContent, after: RulebookContent) =>
  describeRulebookChanges(before, after).map((change) => change.text);

describe('the change between live and draft, in words', () => {
  it('says nothing changed when nothing did', () => {
    expect(describeRulebookChanges(live(), live())).toEqual([]);
  });

  it('names a rule added, with its position, condition and target', () => {
    const draft = live();
    draft.rules.splice(1, 0, {
      id: 'uk',
      name: 'UK visitors',
      when: {
        all: [
          { field: 'geo.country', op: 'in', values: ['GB', 'IE'] },
          { field: 'score', op: 'between', min: 50 },
        ],
      },
      route: { type: 'rep', repId: 'rep-ben' },
    });

    expect(describeRulebookChanges(live(), draft)).toEqual([
      {
        section: 'rules',
        kind: 'added',
        text: 'Rule "UK visitors" (uk) added at position 2: when geo.country is one of "GB", "IE" and score at least 50, route to rep rep-ben',
      },
    ]);
  });

  it('names a rule removed, and only that (the others keep their relative order)', () => {
    const draft = live();
    draft.rules = draft.rules.filter((rule) => rule.id !== 'enterprise');

    expect(describeRulebookChanges(live(), draft)).toEqual([
      { section: 'rules', kind: 'removed', text: 'Rule "Enterprise MQLs" (enterprise) removed' },
    ]);
  });

  it('says how rules were reordered', () => {
    const draft = live();
    draft.rules.reverse();

    expect(texts(live(), draft)).toEqual([
      'Rules reordered: now mql, enterprise, named-accounts (was named-accounts, enterprise, mql)',
    ]);
  });

  it('spells out a changed condition, target and name of a rule', () => {
    const draft = live();
    const rule = draft.rules.find((candidate) => candidate.id === 'enterprise')!;
    rule.name = 'Large companies';
    rule.when = {
      all: [
        { field: 'qualifies', op: 'equals', value: true },
        { field: 'company.employees', op: 'between', min: 501 },
      ],
    };
    rule.route = { type: 'pool', poolId: 'inbound' };

    expect(texts(live(), draft)).toEqual([
      'Rule "Large companies" (enterprise) changed: name from "Enterprise MQLs" to "Large companies"; condition from "qualifies is true and company.employees at least 1001" to "qualifies is true and company.employees at least 501"; route from pool "Enterprise team" (enterprise) to pool "Inbound sales" (inbound)',
    ]);
  });

  it('lists scoring changes: threshold, points, bands, industries, page rules and ICP gates', () => {
    const draft = live();
    draft.scoring.thresholds.mql = 60;
    draft.scoring.jobLevel.manager = 20;
    draft.scoring.behaviour['pricing-page'] = 25;
    draft.scoring.companySize[1]!.points = 18;
    draft.scoring.industry.core.push('fintech');
    draft.scoring.pages.push({ behaviour: 'webinar', pathContains: '/events/' });
    draft.scoring.gates = { minEmployees: 50, countries: ['US', 'PT'] };
    draft.scoring.negative.personalEmail = -20;

    expect(describeRulebookChanges(live(), draft)).toEqual([
      { section: 'thresholds', kind: 'changed', text: 'MQL threshold from 70 to 60 points' },
      {
        section: 'scoring',
        kind: 'changed',
        text: 'Company size band "51–200": 51–200 employees, 15 points → 51–200 employees, 18 points',
      },
      { section: 'scoring', kind: 'changed', text: 'Job level "manager" from 15 to 20 points' },
      { section: 'scoring', kind: 'changed', text: 'Behaviour "pricing-page" from 20 to 25 points' },
      { section: 'scoring', kind: 'changed', text: 'Negative signal "personal email" from -10 to -20 points' },
      { section: 'scoring', kind: 'added', text: 'Core industries added: "fintech"' },
      { section: 'scoring', kind: 'added', text: 'Page rule added: /events/ counts as webinar' },
      { section: 'gates', kind: 'added', text: 'ICP gate added: at least N employees = 50' },
      { section: 'gates', kind: 'added', text: 'ICP gate added: countries = "US", "PT"' },
    ]);
  });

  it('tells a gate tightened from one removed', () => {
    const before = live();
    before.scoring.gates = { minEmployees: 50, jobLevels: ['c-level'] };
    const after = live();
    after.scoring.gates = { minEmployees: 200 };

    expect(texts(before, after)).toEqual([
      'ICP gate at least N employees from 50 to 200',
      'ICP gate removed: job levels (was "c-level")',
    ]);
  });

  it('describes pool weights, caps and members', () => {
    const draft = live();
    const inbound = draft.pools[0]!;
    inbound.members[0]!.weight = 3;
    inbound.members[1]!.dailyCap = undefined;
    inbound.members.pop();

    expect(texts(live(), draft)).toEqual([
      'Pool "Inbound sales" (inbound) changed: rep-ana weight from 2 to 3; rep-ben daily cap from 8 to none; rep-carla removed',
    ]);
  });

  it('reports fallbacks, business hours, alerts and the unrouted nurture', () => {
    const draft = live();
    draft.fallbacks = [{ type: 'nurture', nurtureId: 'follow-up' }];
    draft.businessHours.end = '17:00';
    draft.alerts = { emails: ['sales-ops@example.com'], webhookUrl: 'https://hooks.example.com/baton' };
    draft.unrouted = { nurtureId: 'follow-up' };

    expect(texts(live(), draft)).toEqual([
      'Fallbacks from pool "Inbound sales" (inbound), then nurture follow-up to nurture follow-up',
      'Visitors no rule routes get nurture follow-up (was guide)',
      'Business hours from 09:00–18:00 on days 1, 2, 3, 4, 5 (America/New_York) to 09:00–17:00 on days 1, 2, 3, 4, 5 (America/New_York)',
      'Alert recipients added: sales-ops@example.com',
      'Alert recipients removed: revops@example.com',
      'Alert webhook set to https://hooks.example.com/baton',
    ]);
  });

  it('reports SLA terms and rejection reasons against the seed terms the rulebook falls back to', () => {
    const draft = live();
    const policy = structuredClone(defaultHandoffPolicy);
    policy.sla = policy.sla.map((sla) =>
      sla.term === 'first-touch' ? { ...sla, withinMinutes: 240, reassign: true } : sla,
    );
    policy.rejectionReasons = policy.rejectionReasons.filter((reason) => reason.id !== 'competitor');
    policy.fallbackQueue = 'night-queue';
    draft.handoff = policy;

    expect(describeRulebookChanges(live(), draft)).toEqual([
      {
        section: 'sla',
        kind: 'changed',
        text: 'SLA "first-touch" from within 24 h to within 4 h, reassigned on breach',
      },
      { section: 'sla', kind: 'removed', text: 'Rejection reason "Works for a competitor" (competitor) removed' },
      { section: 'sla', kind: 'changed', text: 'Fallback queue from "sales-queue" to "night-queue"' },
    ]);
  });

  it('says nothing about the hand-off when the draft only writes out the seed terms', () => {
    const draft = live();
    draft.handoff = structuredClone(defaultHandoffPolicy);

    expect(describeRulebookChanges(live(), draft)).toEqual([]);
  });

  it('reports a section the rulebook gains later item by item', () => {
    const withExtra = (items: unknown[]) => ({ ...live(), escalations: items }) as unknown as RulebookContent;
    const before = withExtra([{ id: 'night', minutes: 240 }]);
    const after = withExtra([
      { id: 'night', minutes: 60 },
      { id: 'weekend', minutes: 30 },
    ]);

    expect(texts(before, after)).toEqual([
      'escalations item night changed: minutes from "240" to "60"',
      'escalations item weekend added at position 2: {"id":"weekend","minutes":30}',
    ]);
  });
});

describe('a condition in words', () => {
  it('reads every operator and nesting', () => {
    expect(
      describeCondition({
        any: [
          { not: { field: 'visitor.emailKind', op: 'equals', value: 'personal' } },
          {
            all: [
              { field: 'page.path', op: 'contains', value: '/pricing' },
              { field: 'utm.source', op: 'matches', pattern: '^g' },
            ],
          },
          { field: 'account.owner', op: 'exists' },
          { field: 'score', op: 'between', min: 10, max: 20 },
          { field: 'score', op: 'between', max: 5 },
        ],
      }),
    ).toBe(
      'not (visitor.emailKind is "personal") or (page.path contains "/pricing" and utm.source matches /^g/) or account.owner is known or score between 10 and 20 or score at most 5',
    );
    expect(describeCondition({ all: [] })).toBe('always');
  });
});
