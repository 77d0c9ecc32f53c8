import type { RoutingRule } from '../rulebook/rulebook.js';
import {
  type Condition,
  type FieldValue,
  MAX_INPUT,
  patternMatcher,
  type RoutingFacts,
  type RoutingField,
} from './condition.js';
import { assertNever } from '../assert-never.js';

/** One field's value as the rules of a rulebook compare it, each form computed once per decision. */
interface Slot {
  raw: FieldValue;
  /** Lower-cased scalar, or the list with each item lower-cased. */
  low: unknown;
  /** The first MAX_INPUT characters of a text, lower-cased, for `contains`; null for anything else. */
  cut: string | null;
}

type Matcher = (slots: readonly Slot[]) => boolean;

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/**
 * Conditions turned into boolean closures over field slots: the same answers as the interpreter
 * (`evaluateCondition`), without building an explanation. Fields are read and lower-cased once per
 * decision instead of once per condition.
 */
function compileCondition(condition: Condition, slotOf: (field: string) => number): Matcher {
  if ('all' in condition) {
    const parts = condition.all.map((part) => compileCondition(part, slotOf));
    if (parts.length === 1) return parts[0]!;
    return (slots) => {
      for (const part of parts) if (!part(slots)) return false;
      return true;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileCondition(part, slotOf));
    if (parts.length === 1) return parts[0]!;
    return (slots) => {
      for (const part of parts) if (part(slots)) return true;
      return false;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, slotOf);
    return (slots) => !inner(slots);
  }
  const at = slotOf(condition.field);
  switch (condition.op) {
    case 'exists':
      return (slots) => {
        const raw = slots[at]!.raw;
        return raw !== null && raw !== '' && !(Array.isArray(raw) && raw.length === 0);
      };
    case 'equals': {
      const expected = lower(condition.value);
      return (slots) => slots[at]!.low === expected;
    }
    case 'in': {
      const expected = new Set(condition.values.map(lower));
      return (slots) => {
        const slot = slots[at]!;
        return Array.isArray(slot.raw)
          ? (slot.low as unknown[]).some((item) => expected.has(item))
          : expected.has(slot.low);
      };
    }
    case 'between': {
      const min = condition.min ?? Number.NEGATIVE_INFINITY;
      const max = condition.max ?? Number.POSITIVE_INFINITY;
      return (slots) => {
        const raw = slots[at]!.raw;
        return typeof raw === 'number' && raw >= min && raw <= max;
      };
    }
    case 'contains': {
      const needle = condition.value.toLowerCase();
      return (slots) => {
        const slot = slots[at]!;
        if (Array.isArray(slot.raw)) return (slot.low as string[]).some((item) => item === needle);
        return slot.cut?.includes(needle) === true;
      };
    }
    case 'matches': {
      const test = patternMatcher(condition.pattern);
      return (slots) => {
        const raw = slots[at]!.raw;
        return typeof raw === 'string' && test(raw.slice(0, MAX_INPUT));
      };
    }
    default:
      return assertNever(condition, 'condition operator');
  }
}

export interface CompiledRules {
  /** Index of the first rule whose condition holds for the facts, or -1. */
  firstMatch(facts: RoutingFacts): number;
  /** Every field the rules up to `index` read (all rules for -1): what reproduces their outcome. */
  fieldsReadUpTo(index: number): readonly string[];
}

/**
 * A conjunct the rule cannot match without: the field's lower-cased value (or, for `in`, one item of a
 * list) must be one of `values`. Rules are indexed by it, so a decision evaluates only the rules whose
 * key the visitor has, instead of every rule in order.
 */
interface Key {
  slot: number;
  op: 'equals' | 'in';
  values: unknown[];
}

function keyOf(condition: Condition, slotOf: (field: string) => number): Key | null {
  const parts = 'all' in condition ? condition.all : [condition];
  for (const op of ['equals', 'in'] as const)
    for (const part of parts)
      if ('op' in part && part.op === op)
        return {
          slot: slotOf(part.field),
          op,
          values: part.op === 'equals' ? [lower(part.value)] : part.op === 'in' ? part.values.map(lower) : [],
        };
  return null;
}

interface SlotIndex {
  slot: number;
  equals: Map<unknown, number[]>;
  in: Map<unknown, number[]>;
}

function indexRules(keys: ReadonlyArray<Key | null>) {
  const unkeyed: number[] = [];
  const bySlot = new Map<number, SlotIndex>();
  keys.forEach((key, rule) => {
    if (!key) {
      unkeyed.push(rule);
      return;
    }
    let index = bySlot.get(key.slot);
    if (!index) {
      index = { slot: key.slot, equals: new Map(), in: new Map() };
      bySlot.set(key.slot, index);
    }
    const map = key.op === 'equals' ? index.equals : index.in;
    for (const value of key.values) {
      const rules = map.get(value) ?? [];
      // Values that differ only in case would list the rule twice.
      if (rules.at(-1) !== rule) rules.push(rule);
      map.set(value, rules);
    }
  });
  return { unkeyed, indexes: [...bySlot.values()] };
}

function build(rules: readonly RoutingRule[]): CompiledRules {
  const fields: string[] = [];
  const slotIndex = new Map<string, number>();
  /** The first rule reading each field, by slot. */
  const firstReader: number[] = [];
  let ruleIndex = 0;
  const slotOf = (field: string) => {
    let at = slotIndex.get(field);
    if (at === undefined) {
      at = fields.length;
      fields.push(field);
      slotIndex.set(field, at);
      firstReader.push(ruleIndex);
    }
    return at;
  };
  const matchers: Matcher[] = [];
  const keys: Array<Key | null> = [];
  for (; ruleIndex < rules.length; ruleIndex++) {
    matchers.push(compileCondition(rules[ruleIndex]!.when, slotOf));
    keys.push(keyOf(rules[ruleIndex]!.when, slotOf));
  }
  const answerKeys = fields.map((field) => (field.startsWith('answers.') ? field.slice('answers.'.length) : null));
  const { unkeyed, indexes } = indexRules(keys);

  return {
    firstMatch(facts) {
      const slots: Slot[] = new Array(fields.length);
      for (let i = 0; i < fields.length; i++) {
        const key = answerKeys[i];
        const raw = (typeof key === 'string' ? facts.answers[key] : facts[fields[i] as RoutingField]) ?? null;
        if (typeof raw === 'string') {
          const low = raw.toLowerCase();
          slots[i] = { raw, low, cut: raw.length > MAX_INPUT ? raw.slice(0, MAX_INPUT).toLowerCase() : low };
        } else if (Array.isArray(raw)) slots[i] = { raw, low: raw.map((item) => item.toLowerCase()), cut: null };
        else slots[i] = { raw, low: raw, cut: null };
      }
      // The candidate rules, each list in rule order: those without a key, and those whose key the facts have.
      const lists: number[][] = [unkeyed];
      for (const index of indexes) {
        const slot = slots[index.slot]!;
        if (Array.isArray(slot.raw)) {
          for (const item of slot.low as string[]) {
            const found = index.in.get(item);
            if (found) lists.push(found);
          }
          continue;
        }
        const equal = index.equals.get(slot.low);
        if (equal) lists.push(equal);
        const among = index.in.get(slot.low);
        if (among) lists.push(among);
      }
      // Merged in rule order, so the first candidate that holds is the first rule that holds.
      const heads = new Array<number>(lists.length).fill(0);
      for (;;) {
        let next = Number.POSITIVE_INFINITY;
        for (let k = 0; k < lists.length; k++) {
          const candidate = lists[k]![heads[k]!];
          if (candidate !== undefined && candidate < next) next = candidate;
        }
        if (next === Number.POSITIVE_INFINITY) return -1;
        if (matchers[next]!(slots)) return next;
        for (let k = 0; k < lists.length; k++) if (lists[k]![heads[k]!] === next) heads[k]!++;
      }
    },
    fieldsReadUpTo(index) {
      const last = index < 0 ? rules.length : index;
      return fields.filter((_, at) => firstReader[at]! <= last);
    },
  };
}

/** Rulebook versions never change, so their rules are compiled once and kept while the rulebook is. */
const compiledRules = new WeakMap<readonly RoutingRule[], CompiledRules>();

export function compileRules(rules: readonly RoutingRule[]): CompiledRules {
  let compiled = compiledRules.get(rules);
  if (!compiled) {
    compiled = build(rules);
    compiledRules.set(rules, compiled);
  }
  return compiled;
}
