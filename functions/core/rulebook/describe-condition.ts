import type { Condition } from '../routing/condition.js';

const quote = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));
const list = (values: readonly unknown[]) => values.map(quote).join(', ');

/** A condition as a sentence: `company.employees at least 1001 and qualifies is true`. */
export function describeCondition(condition: Condition): string {
  if ('all' in condition)
    return condition.all.length === 0
      ? 'always'
      : condition.all.map((part) => wrap(part, describeCondition(part))).join(' and ');
  if ('any' in condition) return condition.any.map((part) => wrap(part, describeCondition(part))).join(' or ');
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  switch (condition.op) {
    case 'equals':
      return typeof condition.value === 'boolean'
        ? `${condition.field} is ${condition.value}`
        : `${condition.field} is ${quote(condition.value)}`;
    case 'in':
      return `${condition.field} is one of ${list(condition.values)}`;
    case 'between':
      return condition.min !== undefined && condition.max !== undefined
        ? `${condition.field} between ${condition.min} and ${condition.max}`
        : condition.min !== undefined
          ? `${condition.field} at least ${condition.min}`
          : `${condition.field} at most ${condition.max}`;
    case 'contains':
      return `${condition.field} contains ${quote(condition.value)}`;
    case 'matches':
      return `${condition.field} matches /${condition.pattern}/`;
    case 'exists':
      return `${condition.field} is known`;
  }
}

const wrap = (part: Condition, text: string) => ('all' in part || 'any' in part ? `(${text})` : text);
