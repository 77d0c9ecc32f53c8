import type { RoutingRule } from '../rulebook/rulebook.js';
import {
  type Condition,
  type FieldValue,
  MAX_INPUT,
  patternMatcher,
  type RoutingFacts,
  type RoutingField,
} from './condition.js';

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
  }
}

export interface CompiledRules {
  /** Index of the first rule whose condition holds for the facts, or -1. */
  firstMatch(facts: RoutingFacts): number;
  /** Every field the rules up to `index` read (all rules for -1): what reproduces their outcome. */
  fieldsReadUpTo(index: number): readonly string[];
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
  for (; ruleIndex < rules.length; ruleIndex++) matchers.push(compileCondition(rules[ruleIndex]!.when, slotOf));
  const answerKeys = fields.map((field) => (field.startsWith('answers.') ? field.slice('answers.'.length) : null));

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
      for (let i = 0; i < matchers.length; i++) if (matchers[i]!(slots)) return i;
      return -1;
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
