import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = Record<string, unknown>;
type Item = Record<string, unknown>;

interface Waiting {
  table: string;
  keys: Key[];
  consistent: boolean;
  /** The command as its store sent it, sent alone again when the shared batch fails. */
  command: GetCommand | BatchGetCommand;
  settle: (outcome: { items: Item[] } | { output: unknown } | { error: unknown }) => void;
}

/** BatchGetItem's limit of keys per call. */
const KEYS_PER_CALL = 100;

const idOf = (key: Key, names: readonly string[]) => JSON.stringify(names.map((name) => key[name]));

/** A GetItem or a one-table BatchGetItem asking whole items: what a shared batch can answer as well. */
function readByKey(command: unknown): Omit<Waiting, 'settle'> | null {
  if (command instanceof GetCommand) {
    const { TableName, Key, ConsistentRead, ...rest } = command.input;
    if (!TableName || !Key || Object.values(rest).some((value) => value !== undefined)) return null;
    return { table: TableName, keys: [Key], consistent: ConsistentRead === true, command };
  }
  if (command instanceof BatchGetCommand) {
    const { RequestItems, ...rest } = command.input;
    const tables = Object.entries(RequestItems ?? {});
    if (tables.length !== 1 || Object.values(rest).some((value) => value !== undefined)) return null;
    const [table, { Keys, ConsistentRead, ...options }] = tables[0]!;
    if (!Keys || Object.values(options).some((value) => value !== undefined)) return null;
    return { table, keys: Keys, consistent: ConsistentRead === true, command };
  }
  return null;
}

/**
 * Reads by key that several stores send in the same turn of the event loop leave as one BatchGetItem:
 * a use case that asks for the visitor's profile, their account and the reps beside each other pays one
 * round trip and one call for all of them, while each store keeps its own GetItem. A read alone goes out
 * as its store wrote it; a shared batch that fails is sent again read by read, so one request's bad key
 * never fails another's read.
 */
export function coalescedReads(db: DynamoDBDocumentClient): DynamoDBDocumentClient {
  let waiting: Waiting[] = [];

  const flush = () => {
    const batch = waiting;
    waiting = [];
    const byTable = new Map<string, Waiting[]>();
    for (const read of batch) byTable.set(read.table, [...(byTable.get(read.table) ?? []), read]);
    for (const [table, reads] of byTable) {
      if (reads.length === 1) alone(reads[0]!);
      else void together(table, reads);
    }
  };

  const alone = (read: Waiting) => {
    db.send(read.command as GetCommand).then(
      (output) => read.settle({ output }),
      (error: unknown) => read.settle({ error }),
    );
  };

  const together = async (table: string, reads: Waiting[]) => {
    const names = Object.keys(reads[0]!.keys[0] ?? {}).sort();
    const unique = new Map<string, Key>();
    for (const read of reads) for (const key of read.keys) unique.set(idOf(key, names), key);
    const consistent = reads.some((read) => read.consistent);
    // Past one call's keys, or with keys left unprocessed, each read goes alone: its store retries its own way.
    const result =
      unique.size <= KEYS_PER_CALL
        ? await db
            .send(
              new BatchGetCommand({
                RequestItems: {
                  [table]: { Keys: [...unique.values()], ...(consistent ? { ConsistentRead: true } : {}) },
                },
              }),
            )
            .catch(() => null)
        : null;
    if (!result || Object.keys(result.UnprocessedKeys ?? {}).length > 0) {
      for (const read of reads) alone(read);
      return;
    }
    const found = new Map((result.Responses?.[table] ?? []).map((item) => [idOf(item, names), item]));
    for (const read of reads)
      read.settle({ items: read.keys.map((key) => found.get(idOf(key, names))).filter((item) => item !== undefined) });
  };

  const send = (command: unknown, ...rest: unknown[]): Promise<unknown> => {
    const read = readByKey(command);
    if (!read) return (db.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
    return new Promise((resolve, reject) => {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({
        ...read,
        settle: (outcome) => {
          if ('error' in outcome) reject(outcome.error);
          else if ('output' in outcome) resolve(outcome.output);
          else if (read.command instanceof GetCommand) resolve({ Item: outcome.items[0], $metadata: {} });
          else resolve({ Responses: { [read.table]: outcome.items }, UnprocessedKeys: {}, $metadata: {} });
        },
      });
    });
  };

  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'send') return send;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
