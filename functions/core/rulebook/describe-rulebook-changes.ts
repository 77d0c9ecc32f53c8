import { defaultHandoffPolicy, type HandoffPolicy } from '../funnel/handoff-policy.js';
import { describeCondition } from './describe-condition.js';
import type { RouteTarget, RulebookContent } from './rulebook.js';

export type ChangeSection =
  | 'rules'
  | 'scoring'
  | 'gates'
  | 'thresholds'
  | 'pools'
  | 'fallbacks'
  | 'nurtures'
  | 'business-hours'
  | 'alerts'
  | 'playbooks'
  | 'sla'
  | 'other';

/** One change between the live rulebook and the draft, in words a signer can check. */
export interface RulebookChange {
  section: ChangeSection;
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  text: string;
}

const quote = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const list = (values: readonly unknown[]) => values.map(quote).join(', ');

export function describeTarget(target: RouteTarget, content?: Pick<RulebookContent, 'pools'>): string {
  switch (target.type) {
    case 'account-owner':
      return "the account's owner";
    case 'rep':
      return `rep ${target.repId}`;
    case 'pool': {
      const pool = content?.pools.find((candidate) => candidate.id === target.poolId);
      return pool ? `pool "${pool.name}" (${pool.id})` : `pool ${target.poolId}`;
    }
    case 'nurture':
      return `nurture ${target.nurtureId}`;
  }
}

/** Changes to a list of items with ids: added, removed, changed (via `describe`), reordered. */
function compareById<T extends { id: string }>(
  section: ChangeSection,
  noun: string,
  before: readonly T[],
  after: readonly T[],
  label: (item: T) => string,
  summary: (item: T) => string,
  describe: (was: T, now: T) => string[],
): RulebookChange[] {
  const changes: RulebookChange[] = [];
  const was = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  after.forEach((item, index) => {
    const old = was.get(item.id);
    if (!old)
      changes.push({
        section,
        kind: 'added',
        text: `${noun} ${label(item)} added at position ${index + 1}: ${summary(item)}`,
      });
    else if (!same(old, item)) {
      const details = describe(old, item);
      changes.push({
        section,
        kind: 'changed',
        text: `${noun} ${label(item)} changed: ${details.length ? details.join('; ') : 'details changed'}`,
      });
    }
  });
  for (const item of before)
    if (!now.has(item.id)) changes.push({ section, kind: 'removed', text: `${noun} ${label(item)} removed` });
  const kept = (items: readonly T[], other: Map<string, T>) =>
    items.filter((item) => other.has(item.id)).map((item) => item.id);
  const oldOrder = kept(before, now);
  const newOrder = kept(after, was);
  if (oldOrder.join() !== newOrder.join())
    changes.push({
      section,
      kind: 'reordered',
      text: `${noun}s reordered: now ${newOrder.join(', ')} (was ${oldOrder.join(', ')})`,
    });
  return changes;
}

const fromTo = (what: string, was: unknown, now: unknown) =>
  `${what} from ${Array.isArray(was) ? `[${list(was)}]` : quote(was)} to ${Array.isArray(now) ? `[${list(now)}]` : quote(now)}`;

function describeRules(before: RulebookContent, after: RulebookContent): RulebookChange[] {
  return compareById(
    'rules',
    'Rule',
    before.rules,
    after.rules,
    (rule) => `"${rule.name}" (${rule.id})`,
    (rule) => `when ${describeCondition(rule.when)}, route to ${describeTarget(rule.route, after)}`,
    (was, now) => {
      const details: string[] = [];
      if (was.name !== now.name) details.push(fromTo('name', was.name, now.name));
      if (!same(was.when, now.when))
        details.push(`condition from "${describeCondition(was.when)}" to "${describeCondition(now.when)}"`);
      if (!same(was.route, now.route))
        details.push(`route from ${describeTarget(was.route, before)} to ${describeTarget(now.route, after)}`);
      return details;
    },
  );
}

function describeScoring(before: RulebookContent['scoring'], after: RulebookContent['scoring']): RulebookChange[] {
  const changes: RulebookChange[] = [];
  const scoring = (text: string, section: ChangeSection = 'scoring', kind: RulebookChange['kind'] = 'changed') =>
    changes.push({ section, kind, text });
  if (before.thresholds.mql !== after.thresholds.mql)
    scoring(`MQL threshold from ${before.thresholds.mql} to ${after.thresholds.mql} points`, 'thresholds');

  const bands = (model: typeof before) => new Map(model.companySize.map((band) => [band.label, band]));
  const oldBands = bands(before);
  const newBands = bands(after);
  for (const [label, band] of newBands) {
    const old = oldBands.get(label);
    const range = `${band.minEmployees}–${band.maxEmployees ?? '∞'} employees`;
    if (!old) scoring(`Company size band "${label}" added (${range}): ${band.points} points`, 'scoring', 'added');
    else if (!same(old, band))
      scoring(
        `Company size band "${label}": ${old.minEmployees}–${old.maxEmployees ?? '∞'} employees, ${old.points} points → ${range}, ${band.points} points`,
      );
  }
  for (const label of oldBands.keys())
    if (!newBands.has(label)) scoring(`Company size band "${label}" removed`, 'scoring', 'removed');

  const points = (what: string, was: Record<string, number>, now: Record<string, number>) => {
    for (const key of new Set([...Object.keys(was), ...Object.keys(now)]))
      if (was[key] !== now[key]) scoring(`${what} "${key}" from ${was[key] ?? 0} to ${now[key] ?? 0} points`);
  };
  points('Job level', before.jobLevel, after.jobLevel);
  points('Behaviour', before.behaviour, after.behaviour);
  points('Industry tier', pick(before.industry), pick(after.industry));
  points(
    'Negative signal',
    {
      unsubscribed: before.negative.unsubscribed,
      'personal email': before.negative.personalEmail,
      inactive: before.negative.inactive.points,
    },
    {
      unsubscribed: after.negative.unsubscribed,
      'personal email': after.negative.personalEmail,
      inactive: after.negative.inactive.points,
    },
  );
  if (before.negative.inactive.afterDays !== after.negative.inactive.afterDays)
    scoring(
      `A visitor counts as inactive after ${after.negative.inactive.afterDays} days (was ${before.negative.inactive.afterDays})`,
    );
  for (const tier of ['core', 'related'] as const) {
    const added = after.industry[tier].filter((name) => !before.industry[tier].includes(name));
    const removed = before.industry[tier].filter((name) => !after.industry[tier].includes(name));
    if (added.length) scoring(`${cap(tier)} industries added: ${list(added)}`, 'scoring', 'added');
    if (removed.length) scoring(`${cap(tier)} industries removed: ${list(removed)}`, 'scoring', 'removed');
  }
  const pageKey = (page: { behaviour: string; pathContains: string }) =>
    `${page.pathContains} counts as ${page.behaviour}`;
  const oldPages = before.pages.map(pageKey);
  const newPages = after.pages.map(pageKey);
  for (const page of newPages) if (!oldPages.includes(page)) scoring(`Page rule added: ${page}`, 'scoring', 'added');
  for (const page of oldPages)
    if (!newPages.includes(page)) scoring(`Page rule removed: ${page}`, 'scoring', 'removed');

  const gateNames = {
    minEmployees: 'at least N employees',
    maxEmployees: 'at most N employees',
    industries: 'industry tiers',
    jobLevels: 'job levels',
    countries: 'countries',
  } as const;
  for (const gate of Object.keys(gateNames) as Array<keyof typeof gateNames>) {
    const was = before.gates[gate];
    const now = after.gates[gate];
    if (same(was, now)) continue;
    const shown = (value: unknown) => (Array.isArray(value) ? list(value) : String(value));
    if (was === undefined) scoring(`ICP gate added: ${gateNames[gate]} = ${shown(now)}`, 'gates', 'added');
    else if (now === undefined) scoring(`ICP gate removed: ${gateNames[gate]} (was ${shown(was)})`, 'gates', 'removed');
    else scoring(`ICP gate ${gateNames[gate]} from ${shown(was)} to ${shown(now)}`, 'gates');
  }
  return changes;
}

const pick = (industry: RulebookContent['scoring']['industry']) => ({
  core: industry.corePoints,
  related: industry.relatedPoints,
  other: industry.otherPoints,
});
const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function describePools(before: RulebookContent, after: RulebookContent): RulebookChange[] {
  return compareById(
    'pools',
    'Pool',
    before.pools,
    after.pools,
    (pool) => `"${pool.name}" (${pool.id})`,
    (pool) =>
      `${pool.strategy}, ${pool.members.map((member) => `${member.repId} weight ${member.weight}${member.dailyCap ? ` cap ${member.dailyCap}` : ''}`).join(', ') || 'no reps'}`,
    (was, now) => {
      const details: string[] = [];
      if (was.name !== now.name) details.push(fromTo('name', was.name, now.name));
      if (was.strategy !== now.strategy) details.push(fromTo('strategy', was.strategy, now.strategy));
      if (was.visitorPicks !== now.visitorPicks)
        details.push(now.visitorPicks ? 'the visitor now picks the rep' : 'the visitor no longer picks the rep');
      const oldMembers = new Map(was.members.map((member) => [member.repId, member]));
      for (const member of now.members) {
        const old = oldMembers.get(member.repId);
        if (!old)
          details.push(
            `${member.repId} added with weight ${member.weight}${member.dailyCap ? `, cap ${member.dailyCap} a day` : ''}`,
          );
        else {
          if (old.weight !== member.weight)
            details.push(`${member.repId} weight from ${old.weight} to ${member.weight}`);
          if (old.dailyCap !== member.dailyCap)
            details.push(`${member.repId} daily cap from ${old.dailyCap ?? 'none'} to ${member.dailyCap ?? 'none'}`);
        }
      }
      const newIds = new Set(now.members.map((member) => member.repId));
      for (const member of was.members) if (!newIds.has(member.repId)) details.push(`${member.repId} removed`);
      return details;
    },
  );
}

const KNOWN = new Set([
  'scoring',
  'businessHours',
  'pools',
  'rules',
  'fallbacks',
  'nurtures',
  'unrouted',
  'alerts',
  'playbooks',
  'handoff',
]);

const minutes = (n: number) =>
  n % (24 * 60) === 0 && n > 24 * 60 ? `${n / (24 * 60)} days` : n % 60 === 0 ? `${n / 60} h` : `${n} min`;

/** The hand-off both teams sign: SLA terms and rejection reasons (the seed's when the rulebook has none). */
function describeHandoff(was: HandoffPolicy, now: HandoffPolicy): RulebookChange[] {
  const changes: RulebookChange[] = [];
  const terms = new Set([...was.sla.map((sla) => sla.term), ...now.sla.map((sla) => sla.term)]);
  const slaText = (sla: HandoffPolicy['sla'][number]) =>
    `within ${minutes(sla.withinMinutes)}${sla.minAttempts ? `, ${sla.minAttempts} attempts` : ''}${sla.reassign ? ', reassigned on breach' : ''}`;
  for (const term of terms) {
    const before = was.sla.find((sla) => sla.term === term);
    const after = now.sla.find((sla) => sla.term === term);
    if (!before) changes.push({ section: 'sla', kind: 'added', text: `SLA "${term}" added: ${slaText(after!)}` });
    else if (!after)
      changes.push({ section: 'sla', kind: 'removed', text: `SLA "${term}" removed (was ${slaText(before)})` });
    else if (!same(before, after))
      changes.push({
        section: 'sla',
        kind: 'changed',
        text: `SLA "${term}" from ${slaText(before)} to ${slaText(after)}`,
      });
  }
  changes.push(
    ...compareById(
      'sla',
      'Rejection reason',
      was.rejectionReasons,
      now.rejectionReasons,
      (reason) => `"${reason.label}" (${reason.id})`,
      (reason) => `leads to ${reason.action}`,
      (before, after) =>
        (['label', 'action', 'requiresNote', 'requiresRecontactDate'] as const)
          .filter((key) => before[key] !== after[key])
          .map((key) => fromTo(key, before[key], after[key])),
    ),
  );
  if (was.fallbackQueue !== now.fallbackQueue)
    changes.push({
      section: 'sla',
      kind: 'changed',
      text: fromTo('Fallback queue', was.fallbackQueue, now.fallbackQueue),
    });
  if (!same(was.managerEmails, now.managerEmails))
    changes.push({
      section: 'sla',
      kind: 'changed',
      text: fromTo('Breach recipients', was.managerEmails, now.managerEmails),
    });
  if (was.notifyWebhookUrl !== now.notifyWebhookUrl)
    changes.push({
      section: 'sla',
      kind: 'changed',
      text: fromTo('Lead notification webhook', was.notifyWebhookUrl ?? 'none', now.notifyWebhookUrl ?? 'none'),
    });
  return changes;
}

/**
 * What a signer approves, in words: every difference between the live rulebook and the draft, by
 * section. Sections added to the rulebook later (SLA policies) are compared item by item when they
 * are lists of items with ids, else reported as changed, so nothing signed goes unmentioned.
 */
export function describeRulebookChanges(before: RulebookContent, after: RulebookContent): RulebookChange[] {
  const changes: RulebookChange[] = [
    ...describeRules(before, after),
    ...describeScoring(before.scoring, after.scoring),
    ...describePools(before, after),
  ];
  if (!same(before.fallbacks, after.fallbacks))
    changes.push({
      section: 'fallbacks',
      kind: 'changed',
      text: `Fallbacks from ${before.fallbacks.map((t) => describeTarget(t, before)).join(', then ') || 'none'} to ${after.fallbacks.map((t) => describeTarget(t, after)).join(', then ') || 'none'}`,
    });
  if (before.unrouted.nurtureId !== after.unrouted.nurtureId)
    changes.push({
      section: 'nurtures',
      kind: 'changed',
      text: `Visitors no rule routes get nurture ${after.unrouted.nurtureId} (was ${before.unrouted.nurtureId})`,
    });
  changes.push(
    ...compareById(
      'nurtures',
      'Nurture',
      before.nurtures,
      after.nurtures,
      (n) => n.id,
      (n) => `"${n.message.en}"`,
      (was, now) =>
        Object.keys({ ...was, ...now })
          .filter((key) => !same(was[key as keyof typeof was], now[key as keyof typeof now]))
          .map((key) => `${key} changed`),
    ),
  );
  if (!same(before.businessHours, after.businessHours)) {
    const hours = (h: RulebookContent['businessHours']) =>
      `${h.start}–${h.end} on days ${h.days.join(', ')} (${h.timeZone})`;
    changes.push({
      section: 'business-hours',
      kind: 'changed',
      text: `Business hours from ${hours(before.businessHours)} to ${hours(after.businessHours)}`,
    });
  }
  const addedEmails = after.alerts.emails.filter((email) => !before.alerts.emails.includes(email));
  const removedEmails = before.alerts.emails.filter((email) => !after.alerts.emails.includes(email));
  if (addedEmails.length)
    changes.push({ section: 'alerts', kind: 'added', text: `Alert recipients added: ${addedEmails.join(', ')}` });
  if (removedEmails.length)
    changes.push({ section: 'alerts', kind: 'removed', text: `Alert recipients removed: ${removedEmails.join(', ')}` });
  if (before.alerts.webhookUrl !== after.alerts.webhookUrl)
    changes.push({
      section: 'alerts',
      kind: 'changed',
      text: after.alerts.webhookUrl
        ? `Alert webhook set to ${after.alerts.webhookUrl}${before.alerts.webhookUrl ? ` (was ${before.alerts.webhookUrl})` : ''}`
        : `Alert webhook removed (was ${before.alerts.webhookUrl})`,
    });
  changes.push(
    ...compareById(
      'playbooks',
      'Playbook',
      before.playbooks,
      after.playbooks,
      (p) => p.id,
      (p) => `${p.steps.length} steps`,
      (was, now) =>
        Object.keys({ ...was, ...now })
          .filter((key) => !same(was[key as keyof typeof was], now[key as keyof typeof now]))
          .map((key) => `${key} changed`),
    ),
  );
  changes.push(...describeHandoff(before.handoff ?? defaultHandoffPolicy, after.handoff ?? defaultHandoffPolicy));
  changes.push(...describeOtherSections(before, after));
  return changes;
}

function describeOtherSections(before: RulebookContent, after: RulebookContent): RulebookChange[] {
  const changes: RulebookChange[] = [];
  const wasRecord = before as unknown as Record<string, unknown>;
  const nowRecord = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(wasRecord), ...Object.keys(nowRecord)])) {
    if (KNOWN.has(key) || same(wasRecord[key], nowRecord[key])) continue;
    const section: ChangeSection = /sla/i.test(key) ? 'sla' : 'other';
    const was = wasRecord[key];
    const now = nowRecord[key];
    const withIds = (value: unknown): value is Array<{ id: string }> =>
      Array.isArray(value) && value.every((item) => item && typeof item === 'object' && typeof item.id === 'string');
    if ((withIds(was) || was === undefined) && (withIds(now) || now === undefined)) {
      const noun = section === 'sla' ? 'SLA policy' : `${key} item`;
      changes.push(
        ...compareById(
          section,
          noun,
          was ?? [],
          now ?? [],
          (item) => item.id,
          (item) => summarize(item),
          (a, b) =>
            Object.keys({ ...a, ...b })
              .filter((field) => !same((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field]))
              .map((field) =>
                fromTo(
                  field,
                  summarize((a as Record<string, unknown>)[field]),
                  summarize((b as Record<string, unknown>)[field]),
                ),
              ),
        ),
      );
    } else changes.push({ section, kind: 'changed', text: `${key} from ${summarize(was)} to ${summarize(now)}` });
  }
  return changes;
}

const summarize = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value !== 'object' || value === null) return String(value);
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
};
