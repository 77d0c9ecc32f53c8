import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { marshallOptions, unmarshallOptions } from '@aws-sdk/util-dynamodb';
import { Sha256 } from './sha256.js';

type Codec = typeof import('@aws-sdk/util-dynamodb');
/**
 * Read when a real client is tuned, not imported: the visitor function's build (whose stand-in clients are
 * never tuned) would otherwise read it from the runtime's SDK at its cold start. Not a string literal, so
 * esbuild leaves it to Node.
 */
const CODEC: string = '@aws-sdk/util-dynamodb';

const MARSHALL: marshallOptions = {
  removeUndefinedValues: true,
  convertClassInstanceToMap: false,
  convertTopLevelContainer: true,
};
const UNMARSHALL: unmarshallOptions = { convertWithoutMapWrapper: true };

/**
 * lib-dynamodb's description of where a command's attribute values sit: null marks a value to convert, an
 * empty object or array every member of the node, `*` every key of a map, other keys those members.
 */
type KeyNodes = null | readonly never[] | { readonly [key: string]: KeyNodes };

/** What every lib-dynamodb command carries: its input, its key nodes and the low-level command it wraps. */
interface DocumentCommand {
  input: object;
  inputKeyNodes: KeyNodes;
  outputKeyNodes: KeyNodes;
  clientCommand: { input: object };
}

const isDocumentCommand = (command: object): command is DocumentCommand =>
  'clientCommand' in command && 'inputKeyNodes' in command && 'outputKeyNodes' in command;

type Convert = (value: unknown) => unknown;

// The walk lib-dynamodb does in its DocumentMarshall/DocumentUnmarshall middleware, done before `send`.
function convertNode(value: unknown, convert: Convert, nodes: KeyNodes): unknown {
  if (value === undefined) return undefined;
  if (nodes === null) return convert(value);
  const keys = Object.keys(nodes);
  if (keys.length === 0) return convertMembers(value as object, convert);
  if (keys.length === 1 && keys[0] === '*') {
    const next = (nodes as Record<string, KeyNodes>)['*'] as KeyNodes;
    const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
    for (const [key, member] of Object.entries(value as object))
      if (typeof member !== 'function') (out as Record<string, unknown>)[key] = convertNode(member, convert, next);
    return out;
  }
  return convertKeys(value as object, convert, nodes as Record<string, KeyNodes>);
}

function convertMembers(value: object, convert: Convert): unknown {
  if (Array.isArray(value))
    return value.filter((member) => typeof member !== 'function').map((member) => convertNode(member, convert, null));
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === 'function') continue;
    const converted = convertNode(member, convert, null);
    if (converted !== undefined && typeof converted !== 'function') out[key] = converted;
  }
  return out;
}

function convertKeys(value: object, convert: Convert, nodes: Record<string, KeyNodes>): unknown {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = Array.isArray(value)
    ? (value.filter((member) => typeof member !== 'function') as unknown as Record<string, unknown>)
    : {};
  if (!Array.isArray(value))
    for (const [key, member] of Object.entries(value)) if (typeof member !== 'function') out[key] = member;
  for (const [key, next] of Object.entries(nodes)) {
    if (typeof source[key] === 'function') continue;
    const converted = convertNode(source[key], convert, next);
    if (converted !== undefined && typeof converted !== 'function') out[key] = converted;
  }
  return out;
}

/**
 * The DocumentClient the adapters use, sending through a low-level client whose resolved middleware is kept
 * per command (`cacheMiddleware`): lib-dynamodb refuses that setting, and without it every call builds,
 * sorts and resolves the whole middleware stack again, the largest part of the SDK's own CPU per call. The
 * marshalling lib-dynamodb's commands add to their own stacks is done by one middleware of the client, with
 * the same options and the same description of each command's attribute values (read from the command), so
 * items read and written are unchanged. Middleware added to `middlewareStack` later sees every call: adding
 * drops the kept handlers.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ sha256: Sha256, ...config });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // The visitor function's build gets stand-ins that make the real clients on their first send
  // (functions/bundling/aws-sdk): those are tuned when made, with the real document client class.
  if ('middlewareStack' in client) tuneDocumentClient(client, doc, DynamoDBDocumentClient);
  else (doc as unknown as TunedWhenMade).whenMade(tuneDocumentClient);
  return doc;
}

/** The visitor function's stand-in document client (functions/bundling/aws-sdk/lib-dynamodb.ts). */
interface TunedWhenMade {
  whenMade(tune: typeof tuneDocumentClient): void;
}

/** The tuning createDocumentClient does, on a real client and lib-dynamodb's document client around it. */
export function tuneDocumentClient(
  client: DynamoDBClient,
  doc: DynamoDBDocumentClient,
  DocumentClient: typeof DynamoDBDocumentClient,
): void {
  shareOneSigner(client);
  rememberUserAgent(client);
  // After lib-dynamodb's own check: its commands never reach the cached path below (they are unwrapped).
  client.config.cacheMiddleware = true;
  keepPropertiesFast(client.config);
  const stack = client.middlewareStack as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const change of ['add', 'addRelativeTo', 'use', 'remove', 'removeByTag', 'applyToStack'] as const) {
    const original = stack[change];
    if (!original) continue;
    stack[change] = (...args: unknown[]) => {
      (client as unknown as { handlers?: unknown }).handlers = undefined;
      return original.apply(client.middlewareStack, args);
    };
  }
  // Marshalled where lib-dynamodb does it (just before serialization), so middleware of the initialize step
  // (the local runtime's relay wake-up and command counter) sees the input as the adapter wrote it.
  const documentCommands = new WeakMap<object, DocumentCommand>();
  const codec = import(CODEC) as Promise<Codec>;
  // A failed read fails the calls that need it, not the process.
  codec.catch(() => {});
  type Next = (args: { input: object }) => Promise<{ output: unknown }>;
  const marshalling = (next: Next, context: SdkContext) => async (args: { input: object }) => {
    const command = documentCommands.get(args.input);
    if (!command) return next(args);
    markDocumentMapper(context);
    const { marshall, unmarshall } = await codec;
    const toAttributeValues: Convert = (value) => marshall(value, MARSHALL);
    const fromAttributeValues: Convert = (value) => unmarshall(value as never, UNMARSHALL);
    const result = await next({
      ...args,
      input: convertNode(args.input, toAttributeValues, command.inputKeyNodes) as object,
    });
    result.output = convertNode(result.output, fromAttributeValues, command.outputKeyNodes);
    return result;
  };
  client.middlewareStack.addRelativeTo(
    marshalling as unknown as Parameters<typeof client.middlewareStack.addRelativeTo>[0],
    { name: 'batonDocumentMarshall', relation: 'before', toMiddleware: 'serializerMiddleware' },
  );
  const sendLow = client.send.bind(client) as (command: object) => Promise<unknown>;
  // The first call sets the signing region and name on the configuration: its shape is kept fast after that.
  let settled = false;
  const send = async (command: object) => {
    const output = await sendLow(command);
    if (!settled) {
      settled = true;
      keepPropertiesFast(client.config);
    }
    return output;
  };
  (doc as unknown as { send: (command: object) => Promise<unknown> }).send = (command: object) => {
    // A stand-in put on the class in place of `send` (aws-sdk-client-mock in unit tests) answers instead.
    if (Object.hasOwn(DocumentClient.prototype, 'send'))
      return (DocumentClient.prototype.send as (command: object) => Promise<unknown>).call(doc, command);
    if (!isDocumentCommand(command)) return send(command);
    // The low-level command it wraps goes out with an input of its own, which marks it for marshalling.
    const input = { ...command.input };
    documentCommands.set(input, command);
    command.clientCommand.input = input;
    return send(command.clientCommand);
  };
}

/**
 * The SDK makes a new SigV4 signer (copying the whole client configuration) for every request; the region,
 * service and date are given to each signing anyway, so one signer made the same way serves them all.
 */
function shareOneSigner(client: DynamoDBClient): void {
  const config = client.config as unknown as { signer: (scheme?: unknown) => Promise<unknown> };
  const makeSigner = config.signer;
  let shared: Promise<unknown> | undefined;
  config.signer = (scheme) => {
    shared ??= makeSigner(scheme).catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
    return shared;
  };
}

/**
 * The SDK builds its user agent's fixed part (SDK, OS, Node versions) again for every request, through
 * an asynchronous provider (its `defaultUserAgentProvider` setting): it is the same for the process's life,
 * so it is built once. What varies per request (the features in use) is still added per request.
 */
function rememberUserAgent(client: DynamoDBClient): void {
  const config = client.config as unknown as { defaultUserAgentProvider: () => Promise<unknown> };
  const provide = config.defaultUserAgentProvider;
  let built: Promise<unknown> | undefined;
  config.defaultUserAgentProvider = () => {
    built ??= provide().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

/** The middleware context, as far as the SDK's feature list in the user agent goes. */
interface SdkContext {
  __aws_sdk_context?: { features?: Record<string, string> };
}

/**
 * What lib-dynamodb's own marshalling records (`setFeature(context, 'DDB_MAPPER', 'd')`), so the user agent
 * AWS sees is the one lib-dynamodb's client sends.
 */
function markDocumentMapper(context: SdkContext): void {
  context.__aws_sdk_context ??= {};
  context.__aws_sdk_context.features ??= {};
  context.__aws_sdk_context.features.DDB_MAPPER = 'd';
}

const readThrough = (object: { region?: unknown }) => object.region;

/**
 * The SDK copies the client's configuration (`{ ...config }`) several times per request, and that object
 * is in V8's dictionary mode (built up by many resolvers, one holding an accessor), where a copy costs
 * about ten times a fast object's. Reads through an object that has it as its prototype make V8 give it
 * fast properties again, in place (middleware holds this very object).
 */
function keepPropertiesFast(config: object): void {
  const probe = Object.create(config) as { region?: unknown };
  for (let i = 0; i < 64; i++) readThrough(probe);
}
