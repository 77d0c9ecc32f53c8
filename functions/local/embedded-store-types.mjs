// dynalite's type check of a request (validations.checkTypes), compiled. dynalite interprets an operation's
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
