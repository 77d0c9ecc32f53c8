import { conditionDepth, MAX_CONDITION_DEPTH, type Condition } from '../routing/condition.js';
import type { RouteTarget, RulebookContent } from './rulebook.js';
import { isTimeZone } from '../scheduling/time-zone.js';

/**
 * A draft of unknown reps can have thousands of problems: a simulation report (one DynamoDB item) lists
 * this many, the draft all of them.
 */
export const MAX_PROBLEMS_LISTED = 100;

export interface RulebookProblem {
  /** JSON pointer into the rulebook. */
  path: string;
  message: string;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** The leaves a condition requires all of, when it is a plain conjunction; null when it is not one. */
function conjunction(condition: Condition): string[] | null {
  if ('all' in condition) {
    const parts = condition.all.map(conjunction);
    return parts.every((part) => part !== null) ? (parts.flat() as string[]) : null;
  }
  if ('any' in condition || 'not' in condition) return null;
  return [canonical(condition)];
}

/**
 * What the schema cannot see: references to reps, pools and nurtures that do not exist, empty pools,
 * duplicate ids, rules an earlier rule always catches first, fallbacks that can never be reached.
 * A rulebook with any problem can be saved as a draft but never goes live.
 */
export function validateRulebook(content: RulebookContent, knownRepIds: ReadonlySet<string>): RulebookProblem[] {
  const problems: RulebookProblem[] = [];
  const poolIds = new Set(content.pools.map((pool) => pool.id));
  const nurtureIds = new Set(content.nurtures.map((nurture) => nurture.id));

  const duplicates = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) problems.push({ path: `/${kind}/${index}/id`, message: `duplicate id "${id}"` });
      seen.add(id);
    });
  };
  duplicates(
    'pools',
    content.pools.map((pool) => pool.id),
  );
  duplicates(
    'rules',
    content.rules.map((rule) => rule.id),
  );
  duplicates(
    'nurtures',
    content.nurtures.map((nurture) => nurture.id),
  );

  content.pools.forEach((pool, index) => {
    if (pool.members.length === 0)
      problems.push({ path: `/pools/${index}/members`, message: `pool "${pool.id}" has no reps` });
    pool.members.forEach((member, memberIndex) => {
      if (!knownRepIds.has(member.repId))
        problems.push({
          path: `/pools/${index}/members/${memberIndex}/repId`,
          message: `unknown rep "${member.repId}"`,
        });
    });
    const repeated = pool.members.map((member) => member.repId).filter((repId, i, all) => all.indexOf(repId) !== i);
    for (const repId of new Set(repeated))
      problems.push({ path: `/pools/${index}/members`, message: `rep "${repId}" is listed more than once` });
  });

  const checkTarget = (target: RouteTarget, path: string) => {
    if (target.type === 'rep' && !knownRepIds.has(target.repId))
      problems.push({ path: `${path}/repId`, message: `unknown rep "${target.repId}"` });
    if (target.type === 'pool' && !poolIds.has(target.poolId))
      problems.push({ path: `${path}/poolId`, message: `unknown pool "${target.poolId}"` });
    if (target.type === 'nurture' && !nurtureIds.has(target.nurtureId))
      problems.push({ path: `${path}/nurtureId`, message: `unknown nurture "${target.nurtureId}"` });
  };

  // Each rule's condition is written out once: every rule is compared with every earlier one, and a 500-rule
  // draft made ~125,000 of these texts per check, which a simulation job runs before it replays visitors.
  const conditions = content.rules.map((rule) => {
    const leaves = conjunction(rule.when);
    return { text: canonical(rule.when), leaves, required: new Set(leaves) };
  });
  content.rules.forEach((rule, index) => {
    checkTarget(rule.route, `/rules/${index}/route`);
    if (conditionDepth(rule.when) > MAX_CONDITION_DEPTH)
      problems.push({ path: `/rules/${index}/when`, message: `nested deeper than ${MAX_CONDITION_DEPTH} levels` });
    const later = conditions[index]!;
    for (let earlierIndex = 0; earlierIndex < index; earlierIndex++) {
      const earlier = conditions[earlierIndex]!;
      const identical = earlier.text === later.text;
      // An earlier conjunction whose every part this rule also requires matches whenever this rule does.
      if (
        identical ||
        (earlier.leaves !== null && later.leaves !== null && earlier.leaves.every((leaf) => later.required.has(leaf)))
      ) {
        problems.push({
          path: `/rules/${index}`,
          message: `rule "${rule.id}" never matches: rule "${content.rules[earlierIndex]!.id}" catches every visitor it would`,
        });
        break;
      }
    }
  });

  content.fallbacks.forEach((target, index) => {
    checkTarget(target, `/fallbacks/${index}`);
    const before = content.fallbacks.slice(0, index);
    if (before.some((earlier) => earlier.type === 'nurture')) {
      problems.push({
        path: `/fallbacks/${index}`,
        message: 'unreachable: a nurture fallback before it always ends the chain',
      });
    } else if (before.some((earlier) => canonical(earlier) === canonical(target))) {
      problems.push({
        path: `/fallbacks/${index}`,
        message: 'unreachable: the same target was already tried earlier in the chain',
      });
    }
  });

  if (!nurtureIds.has(content.unrouted.nurtureId))
    problems.push({ path: '/unrouted/nurtureId', message: `unknown nurture "${content.unrouted.nurtureId}"` });
  if (content.businessHours.start >= content.businessHours.end)
    problems.push({ path: '/businessHours/end', message: 'must be after start' });
  if (!isTimeZone(content.businessHours.timeZone))
    problems.push({
      path: '/businessHours/timeZone',
      message: `unknown time zone "${content.businessHours.timeZone}"`,
    });
  return problems;
}

export { canonical as canonicalJson };
