import { z } from 'zod';
import { assertNever } from '../assert-never.js';
import { patternEngine } from './pattern-engine.js';

/** What a routing condition can look at, and the type of each value. */
export const ROUTING_FIELDS = {
  score: 'number',
  stage: 'string',
  qualifies: 'boolean',
  'company.employees': 'number',
  'company.industry': 'string',
  'company.industryTier': 'string',
  'company.domain': 'string',
  'geo.country': 'string',
  'geo.region': 'string',
  'geo.timeZone': 'string',
  /** Where the country came from: 'edge' (CloudFront) or 'browser' (guessed from the time zone). */
  'geo.source': 'string',
  'account.tier': 'string',
  'account.owner': 'string',
  'account.domain': 'string',
  'visitor.emailKind': 'string',
  'visitor.jobLevel': 'string',
  'visitor.visits': 'number',
  'visitor.behaviours': 'list',
  'visitor.language': 'string',
  'page.url': 'string',
  'page.path': 'string',
  'utm.source': 'string',
  'utm.medium': 'string',
  'utm.campaign': 'string',
  'time.visitorHour': 'number',
  'time.visitorWeekday': 'number',
  'time.businessHours': 'boolean',
} as const;
export type RoutingField = keyof typeof ROUTING_FIELDS;
export type FieldValue = string | number | boolean | readonly string[] | null;
/** The visitor as routing sees it; `answers.<key>` fields come from the chat. */
export type RoutingFacts = Partial<Record<RoutingField, FieldValue>> & { answers: Record<string, string> };

const FieldName = z
  .string()
  .refine((name) => name in ROUTING_FIELDS || /^answers\.[a-zA-Z][a-zA-Z0-9_]{0,39}$/.test(name), {
    message: `must be a known field (${Object.keys(ROUTING_FIELDS).join(', ')}) or answers.<key>`,
  });
const Scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

/**
 * Patterns run on the installed engine (pattern-engine.ts, RE2: linear time whatever the pattern); a
 * pattern it cannot compile (backreferences, lookaround) is refused at save.
 */
const SafePattern = z
  .string()
  .min(1)
  .max(200)
  .superRefine((pattern, ctx) => {
    const engine = patternEngine();
    try {
      engine.compile(pattern);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `not a pattern this engine accepts (RE2 syntax): ${(error as Error).message}`,
      });
    }
  });

export const LeafCondition = z.discriminatedUnion('op', [
  z.object({ field: FieldName, op: z.literal('equals'), value: Scalar }).strict(),
  z.object({ field: FieldName, op: z.literal('in'), values: z.array(Scalar).min(1).max(500) }).strict(),
  z
    .object({ field: FieldName, op: z.literal('between'), min: z.number().optional(), max: z.number().optional() })
    .strict()
    .refine((leaf) => leaf.min !== undefined || leaf.max !== undefined, 'needs min, max or both'),
  z.object({ field: FieldName, op: z.literal('contains'), value: z.string().min(1).max(200) }).strict(),
  z.object({ field: FieldName, op: z.literal('matches'), pattern: SafePattern }).strict(),
  z.object({ field: FieldName, op: z.literal('exists') }).strict(),
]);
export type LeafCondition = z.infer<typeof LeafCondition>;

export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const MAX_CONDITION_DEPTH = 8;

/**
 * A condition nested at most `depth` levels: the schema itself has no deeper level, so validation
 * stops at the limit and no input nests far enough to overflow a stack anywhere (zod, the store, the
 * evaluator). Each level has its own id so the OpenAPI document describes it with a $ref.
 */
function conditionOfDepth(depth: number): z.ZodType<Condition> {
  if (depth === 1) return LeafCondition.meta({ id: 'ConditionLeaf' });
  const below = conditionOfDepth(depth - 1);
  return z
    .union([
      LeafCondition,
      z.object({ all: z.array(below).max(50) }).strict(),
      z.object({ any: z.array(below).min(1).max(50) }).strict(),
      z.object({ not: below }).strict(),
    ])
    .meta({ id: depth === MAX_CONDITION_DEPTH ? 'Condition' : `Condition${depth}` });
}

export const Condition: z.ZodType<Condition> = conditionOfDepth(MAX_CONDITION_DEPTH);

export function conditionDepth(condition: Condition): number {
  if ('all' in condition) return 1 + Math.max(0, ...condition.all.map(conditionDepth));
  if ('any' in condition) return 1 + Math.max(0, ...condition.any.map(conditionDepth));
  if ('not' in condition) return 1 + conditionDepth(condition.not);
  return 1;
}

export interface Evaluation {
  matched: boolean;
  /** Why it matched or, for a miss, the first reason it did not. */
  because: string;
}

/** Text longer than this is cut before `contains` and `matches` look at it. */
export const MAX_INPUT = 2000;

/**
 * The one place a `matches` pattern becomes a test: the interpreter and the compiled rulebook both
 * call it, so the regular-expression engine is chosen here only.
 */
export function patternMatcher(pattern: string): (text: string) => boolean {
  return patternEngine().compile(pattern);
}

const show = (value: FieldValue) =>
  value === null
    ? 'unknown'
    : typeof value === 'string'
      ? `"${value}"`
      : Array.isArray(value)
        ? `[${value.join(', ')}]`
        : String(value);
const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

type Compiled = (facts: RoutingFacts) => Evaluation;

/** Each condition object is compiled once (rulebook versions never change), so evaluating reuses its constants, sets and regular expressions. */
const compiled = new WeakMap<object, Compiled>();

function compile(condition: Condition): Compiled {
  const cached = compiled.get(condition);
  if (cached) return cached;
  const fn = build(condition);
  compiled.set(condition, fn);
  return fn;
}

function build(condition: Condition): Compiled {
  if ('all' in condition) {
    const parts = condition.all.map(compile);
    const because = parts.length === 0 ? 'always' : 'every condition held';
    return (facts) => {
      for (const part of parts) {
        const result = part(facts);
        if (!result.matched) return result;
      }
      return { matched: true, because };
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compile);
    return (facts) => {
      const misses: string[] = [];
      for (const part of parts) {
        const result = part(facts);
        if (result.matched) return result;
        misses.push(result.because);
      }
      return { matched: false, because: `none held: ${misses.join('; ')}` };
    };
  }
  if ('not' in condition) {
    const inner = compile(condition.not);
    return (facts) => {
      const result = inner(facts);
      return {
        matched: !result.matched,
        because: result.matched ? `excluded: ${result.because}` : `not (${result.because})`,
      };
    };
  }

  const name = condition.field;
  const answerKey = name.startsWith('answers.') ? name.slice('answers.'.length) : null;
  const read =
    answerKey === null
      ? (facts: RoutingFacts) => facts[name as RoutingField] ?? null
      : (facts: RoutingFacts) => facts.answers[answerKey] ?? null;
  switch (condition.op) {
    case 'exists':
      return (facts) => {
        const value = read(facts);
        const present = value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
        return { matched: present, because: present ? `${name} is known` : `${name} is unknown` };
      };
    case 'equals': {
      const expected = lower(condition.value);
      const shown = JSON.stringify(condition.value);
      return (facts) => {
        const value = read(facts);
        const matched = lower(value) === expected;
        return { matched, because: `${name} ${show(value)} ${matched ? '=' : '≠'} ${shown}` };
      };
    }
    case 'in': {
      const expected = new Set(condition.values.map(lower));
      const shown = `[${condition.values.join(', ')}]`;
      return (facts) => {
        const value = read(facts);
        const values = Array.isArray(value) ? value : [value];
        const matched = values.some((v) => expected.has(lower(v)));
        return { matched, because: `${name} ${show(value)} ${matched ? 'is' : 'is not'} in ${shown}` };
      };
    }
    case 'between': {
      const { min, max } = condition;
      const range = `${min ?? '−∞'}…${max ?? '∞'}`;
      return (facts) => {
        const value = read(facts);
        if (typeof value !== 'number')
          return { matched: false, because: `${name} ${show(value)} is not a number in ${range}` };
        const matched = (min === undefined || value >= min) && (max === undefined || value <= max);
        return { matched, because: `${name} ${value} ${matched ? 'is' : 'is not'} in ${range}` };
      };
    }
    case 'contains': {
      const needle = condition.value.toLowerCase();
      return (facts) => {
        const value = read(facts);
        const matched = Array.isArray(value)
          ? value.some((item) => item.toLowerCase() === needle)
          : typeof value === 'string' && value.slice(0, MAX_INPUT).toLowerCase().includes(needle);
        return {
          matched,
          because: `${name} ${show(value)} ${matched ? 'contains' : 'does not contain'} "${condition.value}"`,
        };
      };
    }
    case 'matches': {
      const test = patternMatcher(condition.pattern);
      return (facts) => {
        const value = read(facts);
        const matched = typeof value === 'string' && test(value.slice(0, MAX_INPUT));
        return {
          matched,
          because: `${name} ${show(value)} ${matched ? 'matches' : 'does not match'} /${condition.pattern}/`,
        };
      };
    }
    default:
      return assertNever(condition, 'condition operator');
  }
}

/**
 * The reference interpreter: evaluates a condition and says why; text comparisons ignore case.
 * Routing decides with the compiled rulebook (compile-rulebook.ts) and calls this only to explain a
 * stored decision, and the property test holds the two equal.
 */
export function evaluateCondition(condition: Condition, facts: RoutingFacts): Evaluation {
  return compile(condition)(facts);
}
