import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiledCheckTypes } from '../../../functions/local/embedded-store-types.mjs';

const require = createRequire(import.meta.url);
const validations = require('dynalite/validations/index.js') as {
  checkTypes(data: unknown, types: object): unknown;
  toLowerFirst(name: string): string;
};

const OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
];
const typesOf = (operation: string) =>
  (require(`dynalite/validations/${validations.toLowerFirst(operation)}.js`) as { types: object }).types;

type Description = string | { type?: string; children?: Description | Record<string, Description> };

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
      return pick([0, 3, 7.5, -1.25, 100]);
    case 'String':
      return pick(['a', 'pk', 'SET #a = :a', '']);
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
        let state = seed >>> 0;
        const next = () => {
          state = (state + 0x6d2b79f5) >>> 0;
          let t = state;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        const request = shaped({ type: 'FieldStruct', children: types as Record<string, Description> }, next, 0);
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
