import { describe, expect, it } from 'vitest';
import { defaultHandoffPolicy } from '../../../../functions/core/funnel/handoff-policy.js';
import type { Condition } from '../../../../functions/core/routing/condition.js';
import { describeCondition } from '../../../../functions/core/rulebook/describe-condition.js';
import {
  describeRulebookChanges,
  describeTarget,
} from '../../../../functions/core/rulebook/describe-rulebook-changes.js';
import { defaultRulebookContent, type RulebookContent } from '../../../../functions/core/rulebook/rulebook.js';
import { aPlaybook } from '../../../fixtures/builders.js';

const live = () => structuredClone(defaultRulebookContent);
const changesTo = (edit: (draft: RulebookContent) => void, before = live()) => {
  const draft = structuredClone(before);
  edit(draft);
  return describeRulebookChanges(before, draft);
};

describe('a route target in words', () => {
  it.each([
    [{ type: 'account-owner' } as const, "the account's owner"],
    [{ type: 'rep', repId: 'rep-ben' } as const, 'rep rep-ben'],
    [{ type: 'pool', poolId: 'inbound' } as const, 'pool "Inbound sales" (inbound)'],
    [{ type: 'pool', poolId: 'night' } as const, 'pool night'],
    [{ type: 'nurture', nurtureId: 'guide' } as const, 'nurture guide'],
  ])('reads %j as %s', (target, text) => {
    expect(describeTarget(target, live())).toBe(text);
  });

  it('names a pool by its id when it has no rulebook to look the name up in', () => {
    expect(describeTarget({ type: 'pool', poolId: 'inbound' })).toBe('pool inbound');
  });
});

describe('a condition in words, at its edges', () => {
  it.each<[Condition, string]>([
    [{ field: 'qualifies', op: 'equals', value: false }, 'qualifies is false'],
    [{ field: 'visitor.visits', op: 'equals', value: 3 }, 'visitor.visits is 3'],
    [{ field: 'stage', op: 'equals', value: 'true' }, 'stage is "true"'],
    [{ field: 'geo.country', op: 'in', values: ['PT', 7, true] }, 'geo.country is one of "PT", 7, true'],
    [{ all: [] }, 'always'],
    [
      { all: [{ any: [{ field: 'score', op: 'exists' }, { not: { field: 'stage', op: 'exists' } }] }] },
      '(score is known or not (stage is known))',
    ],
    [{ any: [{ all: [{ field: 'score', op: 'exists' }] }] }, '(score is known)'],
  ])('reads %j as %s', (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });
});

describe('rule changes', () => {
  it('names a rule added at the end and another taken out', () => {
    const changes = changesTo((draft) => {
      draft.rules = draft.rules.filter((rule) => rule.id !== 'mql');
      draft.rules.push({
        id: 'owners',
        name: 'Owners',
        when: { field: 'account.owner', op: 'exists' },
        route: { type: 'account-owner' },
      });
    });

    expect(changes).toEqual([
      {
        section: 'rules',
        kind: 'added',
        text: 'Rule "Owners" (owners) added at position 3: when account.owner is known, route to the account\'s owner',
      },
      { section: 'rules', kind: 'removed', text: 'Rule "Every other MQL" (mql) removed' },
    ]);
  });

  it('names only what changed in a rule', () => {
    const renamed = changesTo((draft) => {
      draft.rules[2]!.name = 'All MQLs';
    });
    const rerouted = changesTo((draft) => {
      draft.rules[2]!.route = { type: 'rep', repId: 'rep-ben' };
    });
    const recondition = changesTo((draft) => {
      draft.rules[2]!.when = { field: 'qualifies', op: 'equals', value: false };
    });

    expect(renamed.map((change) => change.text)).toEqual([
      'Rule "All MQLs" (mql) changed: name from "Every other MQL" to "All MQLs"',
    ]);
    expect(rerouted.map((change) => change.text)).toEqual([
      'Rule "Every other MQL" (mql) changed: route from pool "Inbound sales" (inbound) to rep rep-ben',
    ]);
    expect(recondition.map((change) => change.text)).toEqual([
      'Rule "Every other MQL" (mql) changed: condition from "qualifies is true" to "qualifies is false"',
    ]);
  });

  it('reports a reorder as its own kind of change', () => {
    expect(changesTo((draft) => draft.rules.reverse())).toEqual([
      {
        section: 'rules',
        kind: 'reordered',
        text: 'Rules reordered: now mql, enterprise, named-accounts (was named-accounts, enterprise, mql)',
      },
    ]);
  });
});

describe('scoring changes', () => {
  it('names a size band added without an upper end, one changed, and one removed', () => {
    const changes = changesTo((draft) => {
      draft.scoring.companySize = [
        { label: '1–50', minEmployees: 1, maxEmployees: 50, points: 5 },
        { label: '51–200', minEmployees: 51, maxEmployees: 200, points: 15 },
        { label: '201–1000', minEmployees: 201, maxEmployees: null, points: 25 },
        { label: '5000+', minEmployees: 5000, maxEmployees: null, points: 40 },
      ];
    });

    expect(changes).toEqual([
      {
        section: 'scoring',
        kind: 'changed',
        text: 'Company size band "201–1000": 201–1000 employees, 25 points → 201–∞ employees, 25 points',
      },
      { section: 'scoring', kind: 'added', text: 'Company size band "5000+" added (5000–∞ employees): 40 points' },
      { section: 'scoring', kind: 'removed', text: 'Company size band "1000+" removed' },
    ]);
  });

  it('names the old upper end of a band that loses it, and a band that gains one', () => {
    const changes = changesTo((draft) => {
      draft.scoring.companySize[3]!.maxEmployees = 5000;
    });

    expect(changes.map((change) => change.text)).toEqual([
      'Company size band "1000+": 1001–∞ employees, 30 points → 1001–5000 employees, 30 points',
    ]);
  });

  it('reads points a key gains or loses as zero', () => {
    const changes = changesTo((draft) => {
      (draft.scoring.jobLevel as Record<string, number>).intern = 2;
      delete (draft.scoring.jobLevel as Record<string, number>).individual;
    });

    expect(changes.map((change) => change.text)).toEqual([
      'Job level "individual" from 5 to 0 points',
      'Job level "intern" from 0 to 2 points',
    ]);
  });

  it.each([
    ['corePoints', 'core', 'Industry tier "core" from 20 to 99 points'],
    ['relatedPoints', 'related', 'Industry tier "related" from 10 to 99 points'],
    ['otherPoints', 'other', 'Industry tier "other" from 0 to 99 points'],
  ] as const)('names a change of the %s', (key, _tier, text) => {
    const changes = changesTo((draft) => {
      draft.scoring.industry[key] = 99;
    });

    expect(changes).toEqual([{ section: 'scoring', kind: 'changed', text }]);
  });

  it('names each negative signal and the days until a visitor counts as inactive', () => {
    const changes = changesTo((draft) => {
      draft.scoring.negative = { unsubscribed: -5, personalEmail: -10, inactive: { afterDays: 30, points: -20 } };
    });

    expect(changes.map((change) => change.text)).toEqual([
      'Negative signal "unsubscribed" from -10 to -5 points',
      'Negative signal "inactive" from -15 to -20 points',
      'A visitor counts as inactive after 30 days (was 90)',
    ]);
  });

  it('lists industries removed from each tier, and page rules removed', () => {
    const changes = changesTo((draft) => {
      draft.scoring.industry.core = draft.scoring.industry.core.filter((name) => name !== 'saas');
      draft.scoring.industry.related = draft.scoring.industry.related.filter((name) => !name.includes('services'));
      draft.scoring.industry.related.push('telecom');
      draft.scoring.pages = draft.scoring.pages.filter((page) => page.pathContains !== '/demo');
    });

    expect(changes).toEqual([
      { section: 'scoring', kind: 'removed', text: 'Core industries removed: "saas"' },
      { section: 'scoring', kind: 'added', text: 'Related industries added: "telecom"' },
      {
        section: 'scoring',
        kind: 'removed',
        text: 'Related industries removed: "it services", "financial services", "professional services"',
      },
      { section: 'scoring', kind: 'removed', text: 'Page rule removed: /demo counts as demo-request' },
    ]);
  });

  it('says a page rule changed its behaviour as one removed and one added', () => {
    const changes = changesTo((draft) => {
      draft.scoring.pages[0]!.behaviour = 'demo-request';
    });

    expect(changes.map((change) => [change.kind, change.text])).toEqual([
      ['added', 'Page rule added: /pricing counts as demo-request'],
      ['removed', 'Page rule removed: /pricing counts as pricing-page'],
    ]);
  });

  it('names every ICP gate by what it asks, added, tightened and removed', () => {
    const before = live();
    before.scoring.gates = { maxEmployees: 5000, industries: ['core'], jobLevels: ['c-level'], countries: ['US'] };

    const changes = changesTo((draft) => {
      draft.scoring.gates = {
        minEmployees: 10,
        maxEmployees: 1000,
        industries: ['core', 'related'],
        jobLevels: ['c-level'],
      };
    }, before);

    expect(changes).toEqual([
      { section: 'gates', kind: 'added', text: 'ICP gate added: at least N employees = 10' },
      { section: 'gates', kind: 'changed', text: 'ICP gate at most N employees from 5000 to 1000' },
      { section: 'gates', kind: 'changed', text: 'ICP gate industry tiers from "core" to "core", "related"' },
      { section: 'gates', kind: 'removed', text: 'ICP gate removed: countries (was "US")' },
    ]);
  });
});

describe('pool changes', () => {
  it('sums up a pool added, with its reps and caps, and a pool with no reps', () => {
    const changes = changesTo((draft) => {
      draft.pools.push(
        {
          id: 'emea',
          name: 'EMEA',
          strategy: 'least-loaded',
          members: [
            { repId: 'rep-ana', weight: 2, dailyCap: 5 },
            { repId: 'rep-ben', weight: 1 },
          ],
          visitorPicks: true,
        },
        { id: 'night', name: 'Night', strategy: 'weighted-round-robin', members: [], visitorPicks: false },
      );
    });

    expect(changes).toEqual([
      {
        section: 'pools',
        kind: 'added',
        text: 'Pool "EMEA" (emea) added at position 3: least-loaded, rep-ana weight 2 cap 5, rep-ben weight 1',
      },
      {
        section: 'pools',
        kind: 'added',
        text: 'Pool "Night" (night) added at position 4: weighted-round-robin, no reps',
      },
    ]);
  });

  it('names the name, strategy, picking and members of a changed pool', () => {
    const changes = changesTo((draft) => {
      const pool = draft.pools[1]!;
      pool.name = 'Enterprise';
      pool.strategy = 'weighted-round-robin';
      pool.visitorPicks = true;
      pool.members.push({ repId: 'rep-ben', weight: 3, dailyCap: 4 }, { repId: 'rep-dan', weight: 1 });
      pool.members[0]!.dailyCap = 6;
    });

    expect(changes.map((change) => change.text)).toEqual([
      'Pool "Enterprise" (enterprise) changed: name from "Enterprise team" to "Enterprise"; ' +
        'strategy from "least-loaded" to "weighted-round-robin"; the visitor now picks the rep; ' +
        'rep-ana daily cap from none to 6; rep-ben added with weight 3, cap 4 a day; rep-dan added with weight 1',
    ]);
  });

  it('says when the visitor no longer picks the rep', () => {
    const before = live();
    before.pools[0]!.visitorPicks = true;

    const changes = changesTo((draft) => {
      draft.pools[0]!.visitorPicks = false;
    }, before);

    expect(changes.map((change) => change.text)).toEqual([
      'Pool "Inbound sales" (inbound) changed: the visitor no longer picks the rep',
    ]);
  });

  it('says "details changed" when the difference is in nothing it names', () => {
    const changes = changesTo((draft) => {
      draft.pools[0]!.members.reverse();
    });

    expect(changes).toEqual([
      { section: 'pools', kind: 'changed', text: 'Pool "Inbound sales" (inbound) changed: details changed' },
    ]);
  });
});

describe('fallbacks, nurtures, alerts and playbooks', () => {
  it('says "none" for an empty list of fallbacks on either side', () => {
    const emptied = changesTo((draft) => {
      draft.fallbacks = [];
    });
    const before = live();
    before.fallbacks = [];
    const filled = changesTo((draft) => {
      draft.fallbacks = [{ type: 'account-owner' }];
    }, before);

    expect(emptied).toEqual([
      {
        section: 'fallbacks',
        kind: 'changed',
        text: 'Fallbacks from pool "Inbound sales" (inbound), then nurture follow-up to none',
      },
    ]);
    expect(filled.map((change) => change.text)).toEqual(["Fallbacks from none to the account's owner"]);
  });

  it('names the unrouted nurture and each nurture added, removed or changed, field by field', () => {
    const changes = changesTo((draft) => {
      draft.unrouted = { nurtureId: 'follow-up' };
      draft.nurtures[1]!.captureEmail = false;
      draft.nurtures[1]!.message.en = 'Later.';
      draft.nurtures = draft.nurtures.filter((nurture) => nurture.id !== 'guide');
      draft.nurtures.push({ id: 'webinar', message: { en: 'Join us live.' }, captureEmail: true });
    });

    expect(changes).toEqual([
      { section: 'nurtures', kind: 'changed', text: 'Visitors no rule routes get nurture follow-up (was guide)' },
      {
        section: 'nurtures',
        kind: 'changed',
        text: 'Nurture follow-up changed: message changed; captureEmail changed',
      },
      { section: 'nurtures', kind: 'added', text: 'Nurture webinar added at position 2: "Join us live."' },
      { section: 'nurtures', kind: 'removed', text: 'Nurture guide removed' },
    ]);
  });

  it('names a nurture field that appears, and one that goes', () => {
    const changes = changesTo((draft) => {
      delete draft.nurtures[0]!.offer;
      draft.nurtures[1]!.offer = { title: { en: 'Guide' }, url: 'https://example.com/g' };
    });

    expect(changes.map((change) => change.text)).toEqual([
      'Nurture guide changed: offer changed',
      'Nurture follow-up changed: offer changed',
    ]);
  });

  it('names the business hours on both sides', () => {
    const changes = changesTo((draft) => {
      draft.businessHours = { timeZone: 'Europe/Lisbon', days: [1, 2, 3], start: '08:00', end: '16:30' };
    });

    expect(changes).toEqual([
      {
        section: 'business-hours',
        kind: 'changed',
        text: 'Business hours from 09:00–18:00 on days 1, 2, 3, 4, 5 (America/New_York) to 08:00–16:30 on days 1, 2, 3 (Europe/Lisbon)',
      },
    ]);
  });

  it('names alert recipients and the webhook, replaced or removed', () => {
    const before = live();
    before.alerts = { emails: ['a@example.com', 'b@example.com'], webhookUrl: 'https://hooks.example.com/old' };

    const replaced = changesTo((draft) => {
      draft.alerts = {
        emails: ['b@example.com', 'c@example.com', 'd@example.com'],
        webhookUrl: 'https://hooks.example.com/new',
      };
    }, before);
    const removed = changesTo((draft) => {
      draft.alerts = { emails: [] };
    }, before);

    expect(replaced).toEqual([
      { section: 'alerts', kind: 'added', text: 'Alert recipients added: c@example.com, d@example.com' },
      { section: 'alerts', kind: 'removed', text: 'Alert recipients removed: a@example.com' },
      {
        section: 'alerts',
        kind: 'changed',
        text: 'Alert webhook set to https://hooks.example.com/new (was https://hooks.example.com/old)',
      },
    ]);
    expect(removed).toEqual([
      { section: 'alerts', kind: 'removed', text: 'Alert recipients removed: a@example.com, b@example.com' },
      { section: 'alerts', kind: 'changed', text: 'Alert webhook removed (was https://hooks.example.com/old)' },
    ]);
  });

  it('names playbooks added, removed and changed field by field', () => {
    const before = live();
    before.playbooks = [aPlaybook({ id: 'pricing' }), aPlaybook({ id: 'demo' })];

    const changes = changesTo((draft) => {
      draft.playbooks = [
        {
          ...aPlaybook({ id: 'pricing' }),
          greeting: { en: 'Hi.' },
          steps: [{ id: 'bye', kind: 'end', text: { en: 'Bye.' } }],
        },
        aPlaybook({ id: 'webinar' }),
      ];
    }, before);

    expect(changes).toEqual([
      { section: 'playbooks', kind: 'changed', text: 'Playbook pricing changed: greeting changed; steps changed' },
      { section: 'playbooks', kind: 'added', text: 'Playbook webinar added at position 2: 3 steps' },
      { section: 'playbooks', kind: 'removed', text: 'Playbook demo removed' },
    ]);
  });
});

describe('hand-off changes', () => {
  const withHandoff = (edit: (policy: typeof defaultHandoffPolicy) => void) =>
    changesTo((draft) => {
      const policy = structuredClone(defaultHandoffPolicy);
      edit(policy);
      draft.handoff = policy;
    });

  it('names SLA terms added and removed, with their minutes, attempts and reassignment', () => {
    const changes = withHandoff((policy) => {
      policy.sla = policy.sla.filter((sla) => sla.term !== 'follow-up-attempts' && sla.term !== 'in-crm');
    });
    const before = live();
    before.handoff = { ...structuredClone(defaultHandoffPolicy), sla: [] };
    const added = changesTo((draft) => {
      draft.handoff = {
        ...structuredClone(defaultHandoffPolicy),
        sla: [
          { term: 'in-crm', withinMinutes: 90, reassign: false },
          { term: 'follow-up-attempts', withinMinutes: 3 * 24 * 60, minAttempts: 2, reassign: true },
          { term: 'first-touch', withinMinutes: 24 * 60, reassign: false },
        ],
      };
    }, before);

    expect(changes).toEqual([
      { section: 'sla', kind: 'removed', text: 'SLA "follow-up-attempts" removed (was within 14 days, 6 attempts)' },
      { section: 'sla', kind: 'removed', text: 'SLA "in-crm" removed (was within 4 h)' },
    ]);
    expect(added.map((change) => [change.section, change.kind])).toEqual([
      ['sla', 'added'],
      ['sla', 'added'],
      ['sla', 'added'],
    ]);
    expect(added.map((change) => change.text)).toEqual([
      'SLA "in-crm" added: within 90 min',
      'SLA "follow-up-attempts" added: within 3 days, 2 attempts, reassigned on breach',
      'SLA "first-touch" added: within 24 h',
    ]);
  });

  it('names a rejection reason changed field by field, and one added', () => {
    const changes = withHandoff((policy) => {
      policy.rejectionReasons[0] = { ...policy.rejectionReasons[0]!, label: 'Bad data', requiresNote: false };
      policy.rejectionReasons.push({
        id: 'spam',
        label: 'Spam',
        action: 'exclude',
        requiresNote: false,
        requiresRecontactDate: false,
      });
    });

    expect(changes).toEqual([
      {
        section: 'sla',
        kind: 'changed',
        text: 'Rejection reason "Bad data" (wrong-data) changed: label from "Wrong or incomplete data" to "Bad data"; requiresNote from true to false',
      },
      { section: 'sla', kind: 'added', text: 'Rejection reason "Spam" (spam) added at position 6: leads to exclude' },
    ]);
  });

  it.each([
    [60, '1 h'],
    [1440, '24 h'],
    [1500, '25 h'],
    [1441, '1441 min'],
    [2880, '2 days'],
  ])('words a term of %s minutes as %s', (withinMinutes, words) => {
    const changes = withHandoff((policy) => {
      policy.sla = policy.sla.map((sla) => (sla.term === 'in-crm' ? { ...sla, withinMinutes } : sla));
    });

    expect(changes.map((change) => change.text)).toEqual([`SLA "in-crm" from within 4 h to within ${words}`]);
  });

  it('says "none" for a notification webhook taken out', () => {
    const before = live();
    before.handoff = { ...structuredClone(defaultHandoffPolicy), notifyWebhookUrl: 'https://hooks.example.com/leads' };

    expect(describeRulebookChanges(before, live()).map((change) => change.text)).toEqual([
      'Lead notification webhook from "https://hooks.example.com/leads" to "none"',
    ]);
  });

  it('names the breach recipients and the notification webhook', () => {
    const changes = withHandoff((policy) => {
      policy.managerEmails = ['boss@example.com'];
      policy.notifyWebhookUrl = 'https://hooks.example.com/leads';
    });

    expect(changes).toEqual([
      { section: 'sla', kind: 'changed', text: 'Breach recipients from [] to ["boss@example.com"]' },
      {
        section: 'sla',
        kind: 'changed',
        text: 'Lead notification webhook from "none" to "https://hooks.example.com/leads"',
      },
    ]);
  });
});

describe('sections the rulebook gains later', () => {
  const withSection = (key: string, value: unknown) => ({ ...live(), [key]: value }) as unknown as RulebookContent;

  it('compares a list of items with ids item by item, an SLA-named one in the SLA section', () => {
    const changes = describeRulebookChanges(
      withSection('slaOverrides', [{ id: 'vip', minutes: 30 }]),
      withSection('slaOverrides', [{ id: 'gold', minutes: 60 }]),
    );

    expect(changes).toEqual([
      { section: 'sla', kind: 'added', text: 'SLA policy gold added at position 1: {"id":"gold","minutes":60}' },
      { section: 'sla', kind: 'removed', text: 'SLA policy vip removed' },
    ]);
  });

  it('compares a list that appears or goes item by item', () => {
    expect(describeRulebookChanges(live(), withSection('regions', [{ id: 'emea' }]))).toEqual([
      { section: 'other', kind: 'added', text: 'regions item emea added at position 1: {"id":"emea"}' },
    ]);
    expect(describeRulebookChanges(withSection('regions', [{ id: 'emea' }]), live())).toEqual([
      { section: 'other', kind: 'removed', text: 'regions item emea removed' },
    ]);
  });

  it.each([
    ['a plain value', 3, 4, 'limit from 3 to 4'],
    ['a value that appears', undefined, 'on', 'limit from nothing to on'],
    ['a value that goes to null', 'on', null, 'limit from on to null'],
    ['an object', { a: 1 }, { a: 2 }, 'limit from {"a":1} to {"a":2}'],
    ['a list without ids', [1, 2], [1], 'limit from [1,2] to [1]'],
    [
      'a list where one item has no id',
      [{ id: 'a' }],
      [{ id: 'a' }, { name: 'b' }],
      'limit from [{"id":"a"}] to [{"id":"a"},{"name":"b"}]',
    ],
    ['a list of nulls', [{ id: 'a' }], [null], 'limit from [{"id":"a"}] to [null]'],
    ['a list whose ids are numbers', [{ id: 1 }], [{ id: 2 }], 'limit from [{"id":1}] to [{"id":2}]'],
  ])('reports %s as changed from one summary to the other', (_, was, now, text) => {
    const changes = describeRulebookChanges(withSection('limit', was), withSection('limit', now));

    expect(changes).toEqual([{ section: 'other', kind: 'changed', text }]);
  });

  it('cuts a summary longer than 200 characters to 197 and an ellipsis, and keeps one of 200', () => {
    // A one-string list summarizes as the string and four characters of JSON around it.
    const long = 'x'.repeat(200 - 4);
    const longer = 'x'.repeat(200 - 3);

    const [kept] = describeRulebookChanges(withSection('blob', 1), withSection('blob', [long]));
    const [cut] = describeRulebookChanges(withSection('blob', 1), withSection('blob', [longer]));

    expect(kept?.text).toBe(`blob from 1 to ${JSON.stringify([long])}`);
    expect(cut?.text).toBe(`blob from 1 to ${JSON.stringify([longer]).slice(0, 197)}…`);
  });
});
