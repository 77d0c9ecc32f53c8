// dynalite's checks of a request's types and constraints (validations.checkTypes and checkValidations),
// compiled. dynalite's type check of a request, first: dynalite interprets an operation's
// type tree anew for every value it checks: a regular expression match on each node's type name, and a new
// description of AttributeValue (a dozen objects) for every attribute of every item, which made it the
// largest single cost of a small request in the store's thread, in time and in garbage. Here each tree is
// turned into functions once and kept with it: the same checks in the same order, the same errors, the
// same result (keys in the tree's order, nulls left out). test/unit/local/embedded-store-types.test.ts
// holds it to dynalite's own over every operation's tree.

function typeError(msg) {
  const err = new Error(msg);
  err.statusCode = 400;
  err.body = { __type: 'com.amazon.coral.service#SerializationException', Message: msg };
  return err;
}

// What dynalite makes of `AttrStruct<X>` each time it meets one.
const ATTRIBUTE_VALUE = {
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
};

const byObject = new WeakMap();
const byName = new Map();
const structs = new WeakMap();

/** The operations dynalite serves (its HTTP handler's list): what the store's thread answers, and each has its checks. */
export const OPERATIONS = [
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

/** The check of a request against an operation's `types`: dynalite's `checkTypes(data, types)`. */
export function compiledCheckTypes(types) {
  let check = structs.get(types);
  if (check === undefined) {
    const keys = Object.keys(types);
    const checks = keys.map((key) => lazy(types[key]));
    check = (data) => {
      const result = {};
      for (let i = 0; i < keys.length; i++) {
        const value = checks[i](data[keys[i]]);
        if (value != null) result[keys[i]] = value;
      }
      return result;
    };
    structs.set(types, check);
  }
  return check;
}

/** A check made the first time it is needed, so that trees which contain themselves (L and M) end. */
function lazy(description) {
  let check;
  return (value) => {
    if (value == null) return null;
    check ??= checker(description);
    return check(value);
  };
}

function checker(description) {
  const cache = typeof description === 'string' ? byName : byObject;
  let check = cache.get(description);
  if (check === undefined) {
    check = compile(description);
    cache.set(description, check);
  }
  return check;
}

/** One node of the tree, as dynalite's checkType reads it; called only with a value that is not null. */
function compile(description) {
  let type = description.type ? description.type : description;
  const subtypeMatch = type.match(/(.+?)<(.+)>$/);
  let subtype;
  if (subtypeMatch != null) {
    type = subtypeMatch[1];
    subtype = subtypeMatch[2];
  }
  const children = description.children;
  switch (type) {
    case 'AttrStruct':
      return checker({ type: `${subtype}<AttributeValue>`, children: ATTRIBUTE_VALUE });
    case 'Boolean':
      return (val) => {
        switch (typeof val) {
          case 'number':
            throw typeError(`${val % 1 === 0 ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to ${type}`);
          case 'string': {
            const upper = val.toUpperCase();
            if (upper === 'TRUE' || upper === '1' || upper === 'YES') return true;
            if (upper === 'FALSE' || upper === '0' || upper === 'NO') return false;
            throw typeError('Unexpected token received from parser');
          }
          case 'object':
            if (Array.isArray(val)) throw typeError(`Unrecognized collection type class java.lang.${type}`);
            throw typeError('Start of structure or map found where not expected');
        }
        return val;
      };
    case 'Short':
    case 'Integer':
    case 'Long':
    case 'Double':
      return (val) => {
        switch (typeof val) {
          case 'boolean':
            throw typeError(`${val ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to ${type}`);
          case 'number':
            return type !== 'Double' ? Math.floor(val) : val;
          case 'string':
            throw typeError(`STRING_VALUE cannot be converted to ${type}`);
          case 'object':
            if (Array.isArray(val)) throw typeError(`Unrecognized collection type class java.lang.${type}`);
            throw typeError('Start of structure or map found where not expected');
        }
        return val;
      };
    case 'String':
      return (val) => {
        switch (typeof val) {
          case 'boolean':
            throw typeError(`${val ? 'TRUE_VALUE' : 'FALSE_VALUE'} cannot be converted to ${type}`);
          case 'number':
            throw typeError(`${val % 1 === 0 ? 'NUMBER_VALUE' : 'DECIMAL_VALUE'} cannot be converted to ${type}`);
          case 'object':
            if (Array.isArray(val)) throw typeError(`Unrecognized collection type class java.lang.${type}`);
            throw typeError('Start of structure or map found where not expected');
        }
        return val;
      };
    case 'Blob':
      return (val) => {
        switch (typeof val) {
          case 'boolean':
          case 'number':
            throw typeError('only base-64-encoded strings are convertible to bytes');
          case 'object':
            if (Array.isArray(val)) throw typeError('Unrecognized collection type class java.nio.ByteBuffer');
            throw typeError('Start of structure or map found where not expected');
        }
        if (val.length % 4)
          throw typeError(`Base64 encoded length is expected a multiple of 4 bytes but found: ${val.length}`);
        if (Buffer.from(val, 'base64').toString('base64') !== val)
          throw typeError('Invalid last non-pad Base64 character dectected');
        return val;
      };
    case 'List':
    case 'ParameterizedList': {
      const unexpected =
        type === 'List'
          ? 'Unexpected field type'
          : "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap')";
      const child = lazy(children);
      return (val) => {
        switch (typeof val) {
          case 'boolean':
          case 'number':
          case 'string':
            throw typeError(unexpected);
          case 'object':
            if (!Array.isArray(val)) throw typeError('Start of structure or map found where not expected');
        }
        return val.map((item) => child(item));
      };
    }
    case 'ParameterizedMap':
    case 'Map': {
      const child = lazy(children);
      return (val) => {
        switch (typeof val) {
          case 'boolean':
          case 'number':
          case 'string':
            throw typeError(
              type === 'Map'
                ? 'Unexpected field type'
                : "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap')",
            );
          case 'object':
            if (Array.isArray(val))
              throw typeError(
                type === 'Map'
                  ? `Unrecognized collection type java.util.Map<java.lang.String, ${~subtype.indexOf('.') ? subtype : `com.amazonaws.dynamodb.v20120810.${subtype}`}>`
                  : 'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>',
              );
        }
        const result = {};
        for (const key of Object.keys(val)) result[key] = child(val[key]);
        return result;
      };
    }
    case 'ValueStruct':
    case 'FieldStruct': {
      const fields = compiledCheckTypes(typeof children === 'string' ? { type: children } : children);
      return (val) => {
        switch (typeof val) {
          case 'boolean':
          case 'number':
          case 'string':
            throw typeError(type === 'ValueStruct' ? 'Unexpected value type in payload' : 'Unexpected field type');
          case 'object':
            if (Array.isArray(val))
              throw typeError(`Unrecognized collection type class com.amazonaws.dynamodb.v20120810.${subtype}`);
        }
        return fields(val);
      };
    }
    default:
      return () => {
        throw new Error(`Unknown type: ${type}`);
      };
  }
}

// dynalite's value constraints (validations.checkValidations), compiled the same way: dynalite walks the
// operation's constraint tree for every request, making a regular expression for every pattern it checks
// and a path string for every node it passes. Here the walk is planned once per tree and each pattern made
// once; the checks, their order, the cap of ten errors and every message are dynalite's.

const toLowerFirst = (str) => str[0].toLowerCase() + str.slice(1);
const valueStr = (data) =>
  data == null
    ? 'null'
    : Array.isArray(data)
      ? `[${data.map(valueStr).join(', ')}]`
      : typeof data === 'object'
        ? JSON.stringify(data)
        : data;

function validate(predicate, msg, data, parent, key, errors) {
  if (predicate) return;
  let value = valueStr(data);
  if (value !== 'null') value = `'${value}'`;
  errors.push(
    `Value ${value} at '${parent ? `${parent}.` : ''}${toLowerFirst(key)}' failed to satisfy constraint: ${msg}`,
  );
}

const lengthOf = (data) => (typeof data === 'object' && !Array.isArray(data) ? Object.keys(data).length : data.length);

/** Each constraint as a test of one value (which may throw, as dynalite's do) and its message. */
const CONSTRAINTS = {
  notNull: () => [(data) => data != null, 'Member must not be null'],
  greaterThanOrEqual: (val) => [(data) => data >= val, `Member must have value greater than or equal to ${val}`],
  lessThanOrEqual: (val) => [(data) => data <= val, `Member must have value less than or equal to ${val}`],
  regex: (pattern) => {
    const expression = RegExp(`^${pattern}$`);
    return [(data) => expression.test(data), `Member must satisfy regular expression pattern: ${pattern}`];
  },
  lengthGreaterThanOrEqual: (val) => [
    (data) => lengthOf(data) >= val,
    `Member must have length greater than or equal to ${val}`,
  ],
  lengthLessThanOrEqual: (val) => [
    (data) => lengthOf(data) <= val,
    `Member must have length less than or equal to ${val}`,
  ],
  enum: (val) => [(data) => ~val.indexOf(data), `Member must satisfy enum value set: [${val.join(', ')}]`],
};

/**
 * A map's `keys` or `values` constraint: dynalite runs the inner constraints on each key (or value) with an
 * empty name, which throws as soon as one fails; each key that fails adds one error about the whole map.
 */
function mapConstraint(which, val) {
  const inner = Object.keys(val).map((name) => {
    if (!(name in CONSTRAINTS)) throw new Error(`no constraint ${name}`);
    return CONSTRAINTS[name](val[name])[0];
  });
  const msgs = Object.keys(val).map((validation) => {
    if (validation === 'lengthGreaterThanOrEqual')
      return `Member must have length greater than or equal to ${val[validation]}`;
    if (validation === 'lengthLessThanOrEqual')
      return `Member must have length less than or equal to ${val[validation]}`;
    if (validation === 'regex' && which === 'keys')
      return `Member must satisfy regular expression pattern: ${val[validation]}`;
    // dynalite names no other constraint: its join writes an empty string in that place.
    return '';
  });
  const msg = `Map ${which === 'keys' ? 'keys' : 'value'} must satisfy constraint: [${msgs.join(', ')}]`;
  return (parent, key, data, errors) => {
    for (const mapKey of Object.keys(data)) {
      const checked = which === 'keys' ? mapKey : data[mapKey];
      let failed = false;
      try {
        for (const test of inner) if (!test(checked)) throw new Error();
      } catch {
        failed = true;
      }
      if (failed) validate(false, msg, data, parent, key, errors);
    }
  };
}

/** dynalite's checkNonRequired for one node of the tree: (name, value, parent path, errors). */
function constraintNode(validations) {
  if (validations == null || typeof validations !== 'object') return () => {};
  const steps = [];
  for (const validation in validations) {
    if (validation === 'type' || validation === 'required' || validation === 'tableName') continue;
    const always = validation === 'notNull';
    if (validation === 'children') {
      const path = (attr, parent) => (parent ? `${parent}.` : '') + toLowerFirst(attr);
      if (/List$/.test(validations.type)) {
        const child = constraintNode(validations.children);
        steps.push([
          always,
          (attr, data, parent, errors) => {
            for (let i = 0; i < data.length; i++) child('member', data[i], `${path(attr, parent)}.${i + 1}`, errors);
          },
        ]);
      } else if (/Map/.test(validations.type)) {
        const child = constraintNode(validations.children);
        steps.push([
          always,
          (attr, data, parent, errors) => {
            for (const key of Object.keys(data)) child('member', data[key], `${path(attr, parent)}.${key}`, errors);
          },
        ]);
      } else {
        const fields = constraintFields(validations.children);
        steps.push([always, (attr, data, parent, errors) => fields(data, path(attr, parent), errors)]);
      }
    } else if (validation === 'keys' || validation === 'values') {
      const check = mapConstraint(validation, validations[validation]);
      steps.push([always, (attr, data, parent, errors) => check(parent, attr, data, errors)]);
    } else {
      if (!(validation in CONSTRAINTS)) throw new Error(`no constraint ${validation}`);
      const [test, msg] = CONSTRAINTS[validation](validations[validation]);
      steps.push([always, (attr, data, parent, errors) => validate(test(data), msg, data, parent, attr, errors)]);
    }
  }
  return (attr, data, parent, errors) => {
    for (const [always, step] of steps) {
      if (errors.length >= 10) return;
      if (!always && data == null) continue;
      step(attr, data, parent, errors);
    }
  };
}

/** dynalite's checkNonRequireds: each member of a structure, in the tree's order. */
function constraintFields(types) {
  const fields = [];
  for (const attr in types) fields.push([attr, constraintNode(types[attr])]);
  return (data, parent, errors) => {
    for (const [attr, node] of fields) node(attr, data[attr], parent, errors);
  };
}

/**
 * dynalite's `checkValidations(data, types, custom, store)` for one operation (`dynalite` brings its
 * validationError and its own checkValidations, used where the tree has a constraint this does not know:
 * none in dynalite 4).
 */
export function compiledCheckValidations(types, dynalite) {
  const { validationError } = dynalite;
  let fields;
  try {
    fields = constraintFields(types);
  } catch {
    return (data, custom, store) => dynalite.checkValidations(data, types, custom, store);
  }
  return (data, custom, store) => {
    for (const attr in types) {
      if (types[attr].required && data[attr] == null)
        throw validationError(`The parameter '${attr}' is required but was not present in the request`);
      if (types[attr].tableName) {
        const val = data[attr];
        if (val != null && (val.length < 3 || val.length > 255))
          throw validationError(`${attr} must be at least 3 characters long and at most 255 characters long`);
      }
    }
    const errors = [];
    fields(data, undefined, errors);
    if (errors.length)
      throw validationError(
        `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`,
      );
    if (custom) {
      const msg = custom(data, store);
      if (msg) throw validationError(msg);
    }
  };
}
