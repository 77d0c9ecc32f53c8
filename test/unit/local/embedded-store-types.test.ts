import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compiledCheckTypes,
  compiledCheckValidations,
  OPERATIONS,
} from '../../../functions/local/embedded-store-types.mjs';

const require = createRequire(import.meta.url);
const validations = require('dynalite/validations/index.js') as {
  checkTypes(data: unknown, types: object): unknown;
  checkValidations(data: unknown, types: object, custom: unknown, store: unknown): void;
  toLowerFirst(name: string): string;
};
const { validationError } = require('dynalite/db/index.js') as { validationError(message: string): Error };

const ITEM_OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'DeleteItem',
  'GetItem',
  'PutItem',
  'Query',
  'Scan',
  'UpdateItem',
];
const typesOf = (operation: string) =>
  (require(`dynalite/validations/${validations.toLowerFirst(operation)}.js`) as { types: object }).types;

type Description = string | { type?: string; enum?: string[]; children?: Description | Record<string, Description> };

/** Values of the wrong kind for any node: each kind that dynalite refuses somewhere, or reads differently. */
const ODD = [
  true,
  false,
  0,
  1,
  1.5,
  -2.7,
  '',
  'x',
  'TRUE',
  'no',
  '1',
  'AAAA',
  'AAA=',
  'abc',
  [],
  [1],
  {},
  { a: 1 },
  null,
];
const ATTRIBUTE_TYPES = ['S', 'B', 'N', 'BOOL', 'NULL', 'BS', 'NS', 'SS', 'L', 'M'];

/** A request shaped by an operation's type tree, mostly right, with a wrong kind of value here and there. */
function shaped(description: Description, next: () => number, depth: number): unknown {
  const pick = <T>(from: readonly T[]) => from[Math.floor(next() * from.length)] as T;
  if (next() < 0.08 || depth > 5) return pick(ODD);
  const node = typeof description === 'string' ? { type: description } : description;
  const match = /(.+?)<(.+)>$/.exec(node.type ?? '');
  const type = match ? match[1] : node.type;
  const children = node.children;
  switch (type) {
    case 'AttrStruct': {
      const value: Record<string, unknown> = {};
      for (let i = next() < 0.85 ? 1 : 2; i > 0; i--) {
        const attributeType = pick(ATTRIBUTE_TYPES);
        value[attributeType] = shaped(
          {
            S: 'String',
            B: 'Blob',
            N: 'String',
            BOOL: 'Boolean',
            NULL: 'Boolean',
            BS: { type: 'List', children: 'Blob' },
            NS: { type: 'List', children: 'String' },
            SS: { type: 'List', children: 'String' },
            L: { type: 'List', children: 'AttrStruct<ValueStruct>' },
            M: { type: 'Map<AttributeValue>', children: 'AttrStruct<ValueStruct>' },
          }[attributeType] as Description,
          next,
          depth + 1,
        );
      }
      return value;
    }
    case 'Boolean':
      return pick([true, false, 'yes', 'False', '0']);
    case 'Short':
    case 'Integer':
    case 'Long':
    case 'Double':
      return pick([0, 1, 3, 7.5, -1.25, 100, 50_000]);
    case 'String':
      if (node.enum && next() < 0.7) return pick(node.enum);
      return pick(['a', 'pk', 'table-1', 'SET #a = :a', '', 'x'.repeat(300), 'bad name!']);
    case 'Blob':
      return pick(['AAAA', 'QUJD', 'QQ==']);
    case 'List':
    case 'ParameterizedList':
      return Array.from({ length: Math.floor(next() * 4) }, () => shaped(children as Description, next, depth + 1));
    case 'Map':
    case 'ParameterizedMap':
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 4) }, (_, i) => [
          `k${i}`,
          shaped(children as Description, next, depth + 1),
        ]),
      );
    default: {
      const fields = (typeof children === 'object' ? children : {}) as Record<string, Description>;
      const value: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(fields))
        if (next() < 0.5) value[name] = shaped(field, next, depth + 1);
      if (next() < 0.2) value.Unknown = 'x';
      return value;
    }
  }
}

/** A request for an operation's types, the same for the same seed. */
function requestFor(types: object, seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // As parsed from JSON, as requests are: no part shared (dynalite's check changes what it is given).
  return JSON.parse(
    JSON.stringify(shaped({ type: 'FieldStruct', children: types as Record<string, Description> }, next, 0)),
  );
}

/** What a check answers: its result as JSON (keys in order), or its error as the store would send it. */
function outcome(check: () => unknown) {
  try {
    return { result: JSON.stringify(check()) };
  } catch (error) {
    const { message, statusCode, body } = error as Error & { statusCode?: number; body?: unknown };
    return { message, statusCode, body };
  }
}

describe("the embedded store's compiled type check", () => {
  it.each(OPERATIONS)("answers every %s request as dynalite's own check does, result or error", (operation) => {
    const types = typesOf(operation);
    const check = compiledCheckTypes(types);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const request = requestFor(types, seed);
        // dynalite's check deletes unknown members from what it is given: each check gets its own copy.
        const expected = outcome(() => validations.checkTypes(structuredClone(request), types));
        expect(outcome(() => check(structuredClone(request)))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a value of the wrong type with the 400 SerializationException dynalite sends', () => {
    const check = compiledCheckTypes(typesOf('PutItem'));
    const refused = outcome(() => check({ TableName: 't', Item: { pk: { S: 7 } } }));
    expect(refused).toEqual(
      outcome(() => validations.checkTypes({ TableName: 't', Item: { pk: { S: 7 } } }, typesOf('PutItem'))),
    );
    expect(refused).toMatchObject({
      statusCode: 400,
      body: { __type: 'com.amazon.coral.service#SerializationException' },
    });
  });

  it('keeps the attribute types of a value in the order dynalite writes them, and leaves out nulls', () => {
    const check = compiledCheckTypes(typesOf('PutItem'));
    const request = { TableName: 't', Item: { pk: { S: 'a', N: null, NULL: 'yes' }, list: { L: [{ N: '1' }, null] } } };
    expect(JSON.stringify(check(structuredClone(request)))).toBe(
      JSON.stringify(validations.checkTypes(structuredClone(request), typesOf('PutItem'))),
    );
  });
});

describe("the embedded store's planned constraint check", () => {
  it.each(OPERATIONS)("answers every %s request as dynalite's own check does, passed or refused", (operation) => {
    const types = typesOf(operation);
    const check = compiledCheckValidations(types, { validationError, checkValidations: validations.checkValidations });
    let refused = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const typed = outcome(() => validations.checkTypes(requestFor(types, seed), types));
        if (typed.result === undefined) return;
        const request = JSON.parse(typed.result);
        const expected = outcome(() => validations.checkValidations(structuredClone(request), types, undefined, {}));
        if (expected.message !== undefined) refused++;
        expect(outcome(() => check(structuredClone(request), undefined, {}))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    // Most item requests break some constraint: the messages compared are many and varied.
    if (ITEM_OPERATIONS.includes(operation)) expect(refused).toBeGreaterThan(30);
  });

  it("refuses with the operation's own check after the constraints, and not when they refuse first", () => {
    const types = typesOf('GetItem');
    const check = compiledCheckValidations(types, { validationError, checkValidations: validations.checkValidations });
    const custom = (data: { TableName: string }) => `custom saw ${data.TableName}`;
    const valid = { TableName: 'table-1', Key: { pk: { S: 'a' } } };
    expect(outcome(() => check(valid, custom, {}))).toEqual(
      outcome(() => validations.checkValidations(valid, types, custom, {})),
    );
    expect(outcome(() => check(valid, custom, {}))).toMatchObject({ message: 'custom saw table-1', statusCode: 400 });
    const called: string[] = [];
    const counted = (data: { TableName: string }) => {
      called.push(data.TableName);
    };
    expect(outcome(() => check({ ...valid, TableName: 'a' }, counted, {}))).toEqual(
      outcome(() => validations.checkValidations({ ...valid, TableName: 'a' }, types, custom, {})),
    );
    expect(outcome(() => check({ ...valid, TableName: 'a' }, counted, {}))).toMatchObject({ statusCode: 400 });
    expect(called).toEqual([]);
  });
});
