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

/**
 * The fields' values for one decision, as the rules compare them, each form computed once per decision.
 * One frame per compiled rulebook, filled again by every decision: deciding is synchronous, so no two
 * decisions share it at once, and a decision allocates nothing per field or per rule it passes over.
 */
interface Frame {
  raw: FieldValue[];
  /** Lower-cased scalar, or the list with each item lower-cased. */
  low: unknown[];
  /** The first MAX_INPUT characters of a text, lower-cased, for `contains`; null for anything else. */
  cut: Array<string | null>;
}

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

const ALL = 0;
const ANY = 1;
const NOT = 2;
const EXISTS = 3;
const EQUALS = 4;
const IN = 5;
const BETWEEN = 6;
const CONTAINS = 7;
const MATCHES = 8;

/**
 * A condition compiled: its operator as a number, its field as a slot of the frame, its constants
 * lower-cased, its `in` values in a set, its pattern compiled. Every node has the same shape, so the one
 * evaluator below reads them without a call per condition and V8 keeps its property reads monomorphic.
 */
interface Node {
  op: number;
  at: number;
  /** `equals`: the value; `contains`: the needle; `between`: the minimum. */
  value: unknown;
  max: number;
  values: ReadonlySet<unknown> | null;
  test: ((text: string) => boolean) | null;
  parts: readonly Node[];
}

function node(op: number, fields: Partial<Node>): Node {
  // Built field by field in one order, so every node shares one hidden class.
  return {
    op,
    at: fields.at ?? -1,
    value: fields.value ?? null,
    max: fields.max ?? 0,
    values: fields.values ?? null,
    test: fields.test ?? null,
    parts: fields.parts ?? [],
  };
}

/**
 * A condition turned into a node: the same answers as the interpreter (`evaluateCondition`), without
 * building an explanation. Fields are read and lower-cased once per decision instead of once per condition.
 */
function compileCondition(condition: Condition, slotOf: (field: string) => number): Node {
  if ('all' in condition) {
    const parts = condition.all.map((part) => compileCondition(part, slotOf));
    return parts.length === 1 ? parts[0]! : node(ALL, { parts });
  }
  if ('any' in condition) {
    const parts = condition.any.map((part) => compileCondition(part, slotOf));
    return parts.length === 1 ? parts[0]! : node(ANY, { parts });
  }
  if ('not' in condition) return node(NOT, { parts: [compileCondition(condition.not, slotOf)] });
  const at = slotOf(condition.field);
  switch (condition.op) {
    case 'exists':
      return node(EXISTS, { at });
    case 'equals':
      return node(EQUALS, { at, value: lower(condition.value) });
    case 'in':
      return node(IN, { at, values: new Set(condition.values.map(lower)) });
    case 'between':
      return node(BETWEEN, {
        at,
        value: condition.min ?? Number.NEGATIVE_INFINITY,
        max: condition.max ?? Number.POSITIVE_INFINITY,
      });
    case 'contains':
      return node(CONTAINS, { at, value: condition.value.toLowerCase() });
    case 'matches':
      return node(MATCHES, { at, test: patternMatcher(condition.pattern) });
    default:
      return assertNever(condition, 'condition operator');
  }
}

function holds(n: Node, frame: Frame): boolean {
  switch (n.op) {
    case ALL:
      for (let i = 0; i < n.parts.length; i++) if (!holds(n.parts[i]!, frame)) return false;
      return true;
    case ANY:
      for (let i = 0; i < n.parts.length; i++) if (holds(n.parts[i]!, frame)) return true;
      return false;
    case NOT:
      return !holds(n.parts[0]!, frame);
    case EXISTS: {
      const raw = frame.raw[n.at]!;
      return raw !== null && raw !== '' && !(Array.isArray(raw) && raw.length === 0);
    }
    case EQUALS:
      return frame.low[n.at] === n.value;
    case IN: {
      const low = frame.low[n.at];
      if (!Array.isArray(low)) return n.values!.has(low);
      for (let i = 0; i < low.length; i++) if (n.values!.has(low[i])) return true;
      return false;
    }
    case BETWEEN: {
      const raw = frame.raw[n.at];
      return typeof raw === 'number' && raw >= (n.value as number) && raw <= n.max;
    }
    case CONTAINS: {
      const low = frame.low[n.at];
      if (Array.isArray(low)) {
        for (let i = 0; i < low.length; i++) if (low[i] === n.value) return true;
        return false;
      }
      const cut = frame.cut[n.at];
      return typeof cut === 'string' && cut.includes(n.value as string);
    }
    default: {
      // MATCHES, the last operator.
      const raw = frame.raw[n.at];
      return typeof raw === 'string' && n.test!(raw.length > MAX_INPUT ? raw.slice(0, MAX_INPUT) : raw);
    }
  }
}

export interface CompiledRules {
  /** Index of the first rule whose condition holds for the facts, or -1. */
  firstMatch(facts: RoutingFacts): number;
  /** Every field the rules up to `index` read (all rules for -1): what reproduces their outcome. */
  fieldsReadUpTo(index: number): readonly string[];
}

/**
 * The values a rule's field must have for the rule to match: the union of its `equals` and `in`
 * conjuncts on that field (a rule matches only with a value, or for a list an item, that one of them
 * names). Found at the top of the condition and in its nested `all`s.
 */
function requiredValues(node: Node, into: Map<number, Set<unknown>>): Map<number, Set<unknown>> {
  if (node.op === ALL) for (const part of node.parts) requiredValues(part, into);
  else if (node.op === EQUALS || node.op === IN) {
    const values = into.get(node.at) ?? new Set();
    if (node.op === EQUALS) values.add(node.value);
    else for (const value of node.values!) values.add(value);
    into.set(node.at, values);
  }
  return into;
}

/**
 * For one field, which rules may still match given the visitor's value: those that require nothing of
 * the field, and those that name the value. A decision intersects these sets over the indexed fields and
 * evaluates only the rules left, in order: a superset of the matching rules, so the first that holds is
 * the first rule that holds, without passing over the others.
 */
interface FieldIndex {
  slot: number;
  free: Uint32Array;
  byValue: Map<unknown, Uint32Array>;
}

function indexRules(nodes: readonly Node[], words: number): FieldIndex[] {
  const required = nodes.map((node) => requiredValues(node, new Map()));
  const indexes = new Map<number, FieldIndex>();
  required.forEach((bySlot) => {
    for (const slot of bySlot.keys())
      if (!indexes.has(slot)) indexes.set(slot, { slot, free: new Uint32Array(words), byValue: new Map() });
  });
  required.forEach((bySlot, rule) => {
    const word = rule >>> 5;
    const bit = 1 << (rule & 31);
    for (const index of indexes.values()) {
      const values = bySlot.get(index.slot);
      if (!values) {
        index.free[word]! |= bit;
        continue;
      }
      for (const value of values) {
        let rules = index.byValue.get(value);
        if (!rules) {
          rules = new Uint32Array(words);
          index.byValue.set(value, rules);
        }
        rules[word]! |= bit;
      }
    }
  });
  return [...indexes.values()];
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
  const nodes: Node[] = [];
  for (; ruleIndex < rules.length; ruleIndex++) nodes.push(compileCondition(rules[ruleIndex]!.when, slotOf));
  const answerKeys = fields.map((field) => (field.startsWith('answers.') ? field.slice('answers.'.length) : null));
  const words = (rules.length + 31) >>> 5;
  const indexes = indexRules(nodes, words);
  const everyRule = new Uint32Array(words);
  for (let rule = 0; rule < rules.length; rule++) everyRule[rule >>> 5]! |= 1 << (rule & 31);

  const frame: Frame = { raw: new Array(fields.length), low: new Array(fields.length), cut: new Array(fields.length) };
  // The rules left to evaluate, and the sets one list value names, reused as the frame is.
  const candidates = new Uint32Array(words);
  const named: Uint32Array[] = [];
  const fieldsRead = new Map<number, readonly string[]>();

  const fill = (facts: RoutingFacts) => {
    for (let i = 0; i < fields.length; i++) {
      const key = answerKeys[i];
      const raw = (typeof key === 'string' ? facts.answers[key] : facts[fields[i] as RoutingField]) ?? null;
      frame.raw[i] = raw;
      if (typeof raw === 'string') {
        const low = raw.toLowerCase();
        frame.low[i] = low;
        frame.cut[i] = raw.length > MAX_INPUT ? raw.slice(0, MAX_INPUT).toLowerCase() : low;
      } else {
        frame.low[i] = Array.isArray(raw) ? raw.map(lower) : raw;
        frame.cut[i] = null;
      }
    }
  };

  const narrow = () => {
    candidates.set(everyRule);
    for (const index of indexes) {
      const low = frame.low[index.slot];
      let count = 0;
      if (Array.isArray(low)) {
        for (const item of low) {
          const rulesNamingIt = index.byValue.get(item);
          if (rulesNamingIt) named[count++] = rulesNamingIt;
        }
      } else {
        const rulesNamingIt = index.byValue.get(low);
        if (rulesNamingIt) named[count++] = rulesNamingIt;
      }
      for (let word = 0; word < words; word++) {
        let possible = index.free[word]!;
        for (let k = 0; k < count; k++) possible |= named[k]![word]!;
        candidates[word]! &= possible;
      }
    }
  };

  return {
    firstMatch(facts) {
      fill(facts);
      narrow();
      for (let word = 0; word < words; word++) {
        let bits = candidates[word]! | 0;
        while (bits !== 0) {
          const lowest = bits & -bits;
          const rule = (word << 5) + 31 - Math.clz32(lowest);
          if (holds(nodes[rule]!, frame)) return rule;
          bits ^= lowest;
        }
      }
      return -1;
    },
    fieldsReadUpTo(index) {
      let read = fieldsRead.get(index);
      if (!read) {
        const last = index < 0 ? rules.length : index;
        read = fields.filter((_, at) => firstReader[at]! <= last);
        fieldsRead.set(index, read);
      }
      return read;
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
