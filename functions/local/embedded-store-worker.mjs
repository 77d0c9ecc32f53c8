// The embedded store's own thread (started by embedded-store.ts): dynalite answers the requests the
// runtime's thread posts, so its LevelDB work, JSON and locks never hold up the HTTP server's event loop.
// Plain JavaScript: a worker thread gets no TypeScript loader under tsx or vitest, and loading one costs
// a second at every start. It opens no socket; embedded-store.ts checks what comes from outside.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { compiledCheckTypes, compiledCheckValidations, OPERATIONS } from './embedded-store-types.mjs';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');
const db = require('dynalite/db/index.js');
const validations = require('dynalite/validations/index.js');

// dynalite closes its LevelDB folder only through its HTTP server's close, which refuses a server that
// never listened: the store is taken as dynalite creates it, to be closed directly.
let store;
const create = db.create;
db.create = (options) => {
  store = create(options);
  return store;
};
dynalite({ path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
db.create = create;

// dynalite answers each LevelDB read and write through a promise and then a setImmediate, so an update
// spans three turns of this thread's loop (and holds its key's lock over two), each turn also serving the
// other requests in flight. Reads are answered at once where the backend can (the in-memory store and
// LevelDB on disk both read synchronously), and a write's callback comes as its promise settles: the same
// values and errors, a write still done before its key's lock is released. A read that fails, or any read
// once the store is closing, takes dynalite's own path, which makes the error dynalite answers with.
const level = store.db;
const { get: levelGet, put: levelPut, del: levelDel, batch: levelBatch } = level;
const TABLES = 'table~';
level.get = (key, callback) => {
  if (typeof callback !== 'function' || !level.supports.getSync || store.lifecycleManager.getState() !== 'open')
    return levelGet(key, callback);
  let value;
  try {
    value = level.getSync(key);
  } catch {
    return levelGet(key, callback);
  }
  callback(null, value);
};
/** A write through dynalite's wrapper (which tracks it for a graceful close), its callback called as it settles. */
const written = (write, touchesTables, callback) => {
  const writing = write();
  if (touchesTables) {
    tableWriteStarted();
    writing.then(tableWriteEnded, tableWriteEnded);
  }
  if (typeof callback !== 'function') return writing;
  writing.then(
    () => callback(null),
    (error) => callback(error),
  );
};
level.put = (key, value, callback) => written(() => levelPut(key, value), String(key).startsWith(TABLES), callback);
level.del = (key, callback) => written(() => levelDel(key), String(key).startsWith(TABLES), callback);
level.batch = (operations, callback) =>
  written(
    () => levelBatch(operations),
    operations.some((operation) => String(operation.key).startsWith(TABLES)),
    callback,
  );

// Every item request reads its table's description (JSON decoded each time) and never changes it: what
// they read is kept and shared until the next write to any table description, which clears it when it
// starts and when it ends (a read that overlapped a write is not kept). DescribeTable and the table
// actions, which change what they read, read the store each time.
const tables = new Map();
let tableWrites = 0;
let tableEpoch = 0;
function tableWriteStarted() {
  tableWrites++;
  tableEpoch++;
  tables.clear();
}
function tableWriteEnded() {
  tableWrites--;
  tableEpoch++;
  tables.clear();
}
const getTable = store.getTable;
store.getTable = (name, checkStatus, callback) => {
  // Item requests pass only a callback, which dynalite takes as "refuse a table being created or deleted".
  if (typeof checkStatus !== 'function') return getTable(name, checkStatus, callback);
  const known = tables.get(name);
  if (known) return checkStatus(null, known);
  const epoch = tableEpoch;
  getTable(name, (error, table) => {
    if (!error && epoch === tableEpoch && tableWrites === 0) tables.set(name, table);
    checkStatus(error, table);
  });
};

// dynalite's lock hands a key to the next write waiting for it a turn of this thread's loop later, so
// writes queued on one key (every request's rate-limit counters share a few) took a loop turn each. The
// items' locks here hand it over as soon as the holder's callback has returned: one write at a time per
// key, in the order they asked, as before.
const itemLocks = new WeakSet();
const getItemDb = store.getItemDb;
store.getItemDb = (name) => {
  const itemDb = getItemDb(name);
  if (!itemLocks.has(itemDb)) {
    itemDb.lock = keyLock();
    itemLocks.add(itemDb);
  }
  return itemDb;
};

/** The `lock` package's lock for one key at a time, the next holder called in a microtask. */
function keyLock() {
  const waiting = new Map();
  const releaser = (key, holder) => (done) =>
    function release(...results) {
      const queue = waiting.get(key);
      const at = queue.indexOf(holder);
      if (at !== -1) {
        queue.splice(at, 1);
        if (queue.length > 0) queueMicrotask(() => queue[0](releaser(key, queue[0])));
        else waiting.delete(key);
      }
      if (done) done(...results);
    };
  return (key, holder) => {
    const queue = waiting.get(key);
    if (queue) {
      queue.push(holder);
      return;
    }
    waiting.set(key, [holder]);
    holder(releaser(key, holder));
  };
}

// dynalite places every item by an MD5 of its partition key, made through a new crypto Hash each time:
// once for the item and twice for each index entry written or removed. The prefix of a string key (every
// Baton key) is kept (bounded); other key types take dynalite's own path. Its key makers and index
// updater call the prefix inside their module, so they are dynalite's own code again, calling this one.
const KEPT_PREFIXES = 10_000;
const prefixes = new Map();
const hashPrefix = db.hashPrefix;
db.hashPrefix = (hashKey, hashType, rangeKey, rangeType) => {
  if (
    hashType !== 'S' ||
    typeof hashKey !== 'string' ||
    (rangeKey && (rangeType !== 'S' || typeof rangeKey !== 'string'))
  )
    return hashPrefix(hashKey, hashType, rangeKey, rangeType);
  // The key's length first: no two pairs of keys read the same.
  const kept = `${hashKey.length}:${hashKey}${rangeKey || ''}`;
  let prefix = prefixes.get(kept);
  if (prefix === undefined) {
    prefix = hashPrefix(hashKey, hashType, rangeKey, rangeType);
    if (prefixes.size >= KEPT_PREFIXES) prefixes.clear();
    prefixes.set(kept, prefix);
  }
  return prefix;
};
db.createKey = (item, table, keySchema) => {
  let key;
  db.traverseKey(table, keySchema ?? table.KeySchema, (attr, type, isHash) => {
    if (isHash) key = `${db.hashPrefix(item[attr][type], type)}/`;
    key += `${db.toRangeStr(item[attr][type], type)}/`;
  });
  return key;
};
db.createIndexKey = (item, table, keySchema) => {
  const tableKeyPieces = [];
  db.traverseKey(table, (attr, type) => {
    tableKeyPieces.push(item[attr][type], type);
  });
  return db.createKey(item, table, keySchema) + db.hashPrefix(...tableKeyPieces);
};
db.getIndexActions = (indexes, existingItem, item, table) => {
  const puts = [];
  const deletes = [];
  const tableKeys = table.KeySchema.map((key) => key.AttributeName);
  for (const index of indexes) {
    const indexKeys = index.KeySchema.map((key) => key.AttributeName);
    let key = null;
    let itemPieces = item;
    if (item && indexKeys.every((name) => item[name] != null)) {
      if (index.Projection.ProjectionType !== 'ALL') {
        const indexAttrs = indexKeys.concat(tableKeys, index.Projection.NonKeyAttributes || []);
        itemPieces = indexAttrs.reduce((picked, attr) => {
          picked[attr] = item[attr];
          return picked;
        }, Object.create(null));
      }
      key = db.createIndexKey(itemPieces, table, index.KeySchema);
      puts.push({ index: index.IndexName, key, item: itemPieces });
    }
    if (existingItem && indexKeys.every((name) => existingItem[name] != null)) {
      const existingKey = db.createIndexKey(existingItem, table, index.KeySchema);
      if (existingKey !== key) deletes.push({ index: index.IndexName, key: existingKey });
    }
  }
  return { puts, deletes };
};
db.updateIndexes = (store, table, existingItem, item, cb) => {
  if (!existingItem && !item) return cb();
  const puts = [];
  const deletes = [];
  for (const indexType of ['Local', 'Global']) {
    const indexes = table[`${indexType}SecondaryIndexes`] || [];
    const actions = db.getIndexActions(indexes, existingItem, item, table);
    for (const action of actions.puts) {
      const indexDb = store.getIndexDb(indexType, table.TableName, action.index);
      puts.push((done) => indexDb.put(action.key, action.item, done));
    }
    for (const action of actions.deletes) {
      const indexDb = store.getIndexDb(indexType, table.TableName, action.index);
      deletes.push((done) => indexDb.del(action.key, done));
    }
  }
  parallel(deletes, (error) => {
    if (error) return cb(error);
    parallel(puts, cb);
  });
};

/** The `async` library's parallel as dynalite uses it: every task started, done at the first error or the last. */
function parallel(tasks, done) {
  let left = tasks.length;
  let failed = false;
  if (left === 0) return done(null);
  for (const task of tasks)
    task((error) => {
      if (failed) return;
      if (error) {
        failed = true;
        return done(error);
      }
      if (--left === 0) done(null);
    });
}

// dynalite parses every expression with a backtracking parser, the most costly part of a small write. The
// parsers read of each value only its type (the type's name, at most), except that BETWEEN compares its
// bounds and attribute_type reads the type named: so without those, what the parse concludes depends on
// the expressions, the names and the values' types, and it is kept by them (only when it succeeds): a
// request that matches gets the values' own checks run as dynalite runs them before parsing, then its
// own copy of the parse (the actions may change theirs) with its own values where the parse had the
// first request's. Expressions that read values are kept by the values themselves (short ones only).
const PARSES = ['_updates', '_condition', '_keyCondition', '_filter', '_projection'];
const EXPRESSIONS = [
  'UpdateExpression',
  'ConditionExpression',
  'KeyConditionExpression',
  'FilterExpression',
  'ProjectionExpression',
];
const READS_VALUES = /between|attribute_type/i;
const KEPT_INPUT_CHARS = 4096;
const KEPT_PARSES = 1000;
const kept = new Map();
const { validateAttributeValue, validateExpressions } = validations;
validations.validateExpressions = (data) => {
  const values = data.ExpressionAttributeValues;
  const byType =
    !EXPRESSIONS.some((name) => typeof data[name] === 'string' && READS_VALUES.test(data[name])) &&
    (values == null ||
      Object.values(values).every((value) => typeof value === 'object' && value !== null && !('attrType' in value)));
  const inputs = JSON.stringify([
    byType,
    ...EXPRESSIONS.map((name) => data[name]),
    data.ExpressionAttributeNames,
    byType ? typesOf(values) : values,
  ]);
  const known = kept.get(inputs);
  if (known) {
    if (byType && values != null)
      for (const key in values) {
        const problem = validateAttributeValue(values[key]);
        if (problem) return `ExpressionAttributeValues contains invalid value: ${problem} for key ${key}`;
      }
    const copies = new Map();
    for (const key in known.stands) copies.set(known.stands[key], values[key]);
    for (const name of PARSES) if (name in known.parses) data[name] = copy(known.parses[name], copies);
    return known.problem;
  }
  const problem = validateExpressions(data);
  if (byType ? problem === undefined : inputs.length <= KEPT_INPUT_CHARS) {
    if (kept.size >= KEPT_PARSES) kept.clear();
    // The parse keeps a stand-in for each value it refers to, not the value (which may be large).
    const stands = {};
    const copies = new Map();
    if (values != null)
      for (const key in values) {
        stands[key] = {};
        copies.set(values[key], stands[key]);
      }
    const parses = {};
    for (const name of PARSES) if (name in data) parses[name] = copy(data[name], copies);
    kept.set(inputs, { problem, parses, stands });
  }
  return problem;
};

/** Each value's members that are set, which tell the parsers its type. */
function typesOf(values) {
  if (values == null) return values;
  const types = {};
  for (const key in values) types[key] = Object.keys(values[key]).filter((type) => values[key][type] != null);
  return types;
}

/** A deep copy of parsed JSON-like data, objects without a prototype kept so and shared parts shared. */
function copy(value, copies) {
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known) return known;
  if (Array.isArray(value)) {
    const array = [];
    copies.set(value, array);
    for (const item of value) array.push(copy(item, copies));
    return array;
  }
  const object = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  copies.set(value, object);
  for (const key of Object.keys(value)) object[key] = copy(value[key], copies);
  return object;
}

// dynalite's HTTP handler, the same checks in the same order, answering this thread's messages directly:
// dynalite's own copy reads the body through a request stream, draws 39 random bytes for every answer's id
// and copies the answer into a Buffer for its checksum, which together cost more than a small write.
const APIS = ['DynamoDB_20111205', 'DynamoDB_20120810'];
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const operations = Object.fromEntries(
  OPERATIONS.map((name) => {
    const action = validations.toLowerFirst(name);
    const validation = require(`dynalite/validations/${action}.js`);
    return [
      name,
      {
        action: require(`dynalite/actions/${action}.js`),
        custom: validation.custom,
        checkTypes: compiledCheckTypes(validation.types),
        checkValidations: compiledCheckValidations(validation.types, {
          validationError: db.validationError,
          checkValidations: validations.checkValidations,
        }),
      },
    ];
  }),
);

// Ids as DynamoDB's look (52 characters of A-Z and 0-9), unique within this start: a random stem and a count.
const idStem = randomBytes(30).toString('base64').toUpperCase().replace(/[+/=]/g, '0').slice(0, 40);
let idCount = 0;
const requestId = () => idStem + (idCount++).toString(36).toUpperCase().padStart(12, '0');

// An Authorization header as the SDK writes it, which has all three parameters dynalite asks for (each with a
// value, none holding a separator): its parts need not be taken apart to know that.
const SDK_AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=[^\s,=]+, SignedHeaders=[^\s,=]+, Signature=[^\s,=]+$/;

const message = (__type, text) => ({ __type: `com.amazon.coral.service#${__type}`, message: text });

/** One request, as dynalite's HTTP handler answers it; `reply` gets the status, headers and body. */
function answer(method, url, headers, body, reply) {
  const answerHeaders = { 'x-amzn-requestid': requestId() };
  const raw = (statusCode, text, crc) => {
    if (crc !== undefined) answerHeaders['x-amz-crc32'] = String(crc);
    answerHeaders['content-length'] = String(Buffer.byteLength(text));
    reply(statusCode, answerHeaders, text);
  };
  const send = (data, statusCode = 200) => {
    const text = JSON.stringify(data);
    answerHeaders['content-type'] = contentType;
    raw(statusCode, text, crc32(text));
  };
  if (Buffer.byteLength(body) > MAX_REQUEST_BYTES) {
    delete answerHeaders['x-amzn-requestid'];
    answerHeaders['transfer-encoding'] = 'chunked';
    return reply(413, answerHeaders, '');
  }
  if (headers.origin) {
    answerHeaders['access-control-allow-origin'] = '*';
    if (method === 'OPTIONS') {
      if (headers['access-control-request-headers'])
        answerHeaders['access-control-allow-headers'] = String(headers['access-control-request-headers']);
      if (headers['access-control-request-method'])
        answerHeaders['access-control-allow-methods'] = String(headers['access-control-request-method']);
      answerHeaders['access-control-max-age'] = '172800';
      return raw(200, '');
    }
  }
  if (method === 'GET') return raw(200, 'healthy: dynamodb.us-east-1.amazonaws.com ', 3128867991);
  const type = String(headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  if (method !== 'POST' || (body && type !== 'application/json' && type !== 'application/x-amz-json-1.0'))
    return raw(404, '<UnknownOperationException/>\n', 3552371480);
  const contentType = type !== 'application/x-amz-json-1.0' ? 'application/json' : type;
  let data;
  if (body) {
    try {
      data = JSON.parse(body);
    } catch {
      return send({ __type: 'com.amazon.coral.service#SerializationException' }, 400);
    }
  }
  const target = String(headers['x-amz-target'] ?? '').split('.');
  if (target.length !== 2 || !APIS.includes(target[0]) || !OPERATIONS.includes(target[1]))
    return send({ __type: 'com.amazon.coral.service#UnknownOperationException' }, 400);
  const authHeader = headers.authorization;
  // The runtime's own requests have no query string: no URLSearchParams is made for them.
  const query = url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)) : null;
  const authQuery = query?.has('X-Amz-Algorithm') ?? false;
  if (authHeader && authQuery)
    return send(
      message(
        'InvalidSignatureException',
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
      ),
      400,
    );
  if ((!authHeader && !authQuery) || (authHeader && String(authHeader).trim().slice(0, 5) !== 'AWS4-'))
    return send(message('MissingAuthenticationTokenException', 'Request is missing Authentication Token'), 400);
  let problems = '';
  if (authHeader) {
    if (!SDK_AUTHORIZATION.test(authHeader)) {
      const present = {};
      for (const part of String(authHeader).split(/,| /).slice(1).filter(Boolean)) {
        const [name, value] = part.trim().split('=');
        present[name] = value;
      }
      for (const name of ['Credential', 'Signature', 'SignedHeaders'])
        if (!present[name]) problems += `Authorization header requires '${name}' parameter. `;
    }
    if (!headers['x-amz-date'] && !headers.date)
      problems += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    if (problems) problems += `Authorization=${authHeader}`;
  } else {
    for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'])
      if (!query?.get(name)) problems += `AWS query-string parameters must include '${name}'. `;
    if (problems) problems += 'Re-examine the query-string parameters.';
  }
  if (problems) return send(message('IncompleteSignatureException', problems), 400);
  if (!body) return send({ __type: 'com.amazon.coral.service#SerializationException' }, 400);
  const { action, custom, checkTypes, checkValidations } = operations[target[1]];
  try {
    data = checkTypes(data);
    checkValidations(data, custom, store);
  } catch (error) {
    if (error.statusCode) return send(error.body, error.statusCode);
    throw error;
  }
  action(store, data, (error, result) => {
    if (error?.statusCode) return send(error.body, error.statusCode);
    if (error) throw error;
    send(result);
  });
}

// Answers leave together: the requests of one message are usually answered in the same turn of this
// thread's loop, and one message wakes the runtime's thread once for all of them.
let answers = [];
const flushAnswers = () => {
  parentPort.postMessage(answers);
  answers = [];
};

parentPort.on('message', (requests) => {
  if (requests.close) {
    store.lifecycleManager.gracefulClose((error) => parentPort.postMessage({ closed: true, error: error?.message }));
    return;
  }
  for (const [id, method, url, headers, body] of requests)
    answer(method, url, headers, body, (statusCode, answerHeaders, text) => {
      if (answers.length === 0) setImmediate(flushAnswers);
      answers.push([id, statusCode, answerHeaders, text]);
    });
});
parentPort.postMessage({ ready: true });
