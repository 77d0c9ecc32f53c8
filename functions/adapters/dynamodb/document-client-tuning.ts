import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { marshallOptions, unmarshallOptions } from '@aws-sdk/util-dynamodb';
import type { TuningOptions } from './document-client.js';

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

/** The tuning createDocumentClient does, on a real client and lib-dynamodb's document client around it. */
export function tuneDocumentClient(
  client: DynamoDBClient,
  doc: DynamoDBDocumentClient,
  DocumentClient: typeof DynamoDBDocumentClient,
  options: TuningOptions = {},
): void {
  shareOneSigner(client);
  rememberUserAgent(client);
  serializeWithoutCopies(client);
  userAgentOncePerFeatures(client);
  if (options.inProcessUnsigned) leaveUnsigned(client);
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
    endpointOncePerResource(client, command);
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

/** The part of the resolved configuration the serde middleware reads: its protocol and custom endpoint. */
interface SerdeConfig {
  protocol: {
    serializeRequest(operation: object, input: unknown, context: object): Promise<unknown>;
    deserializeResponse(operation: object, context: object, response: unknown): Promise<unknown>;
  };
  endpoint?: () => Promise<unknown>;
  streamCollector: (body: unknown) => Promise<Uint8Array>;
}

/** The middleware context, as far as the serde middleware goes. */
interface SerdeContext {
  __smithy_context?: { operationSchema?: readonly unknown[] };
  endpointV2?: { url: URL; headers?: Record<string, string[]> };
  logger?: { warn?: (message: string) => void; constructor?: { name?: string } };
}

type SerdeHandler = (args: { input: unknown; request?: unknown }) => Promise<{ response: unknown; output?: unknown }>;

/** The operation as @smithy/core's serde middleware hands it to the protocol, from the command's schema. */
function operationOf(context: SerdeContext) {
  const [, namespace, name, traits, input, output] = context.__smithy_context?.operationSchema ?? [];
  return { name, namespace, traits, input, output };
}

/**
 * What the protocol reads of the configuration and the context together. @smithy/core's own serde middleware
 * copies the whole resolved configuration (about fifty properties) into a new object twice per call, the
 * largest allocation of a call; this object reads the configuration through its prototype instead and holds
 * only the context's own few properties.
 */
function serdeContextOf(config: object, context: object, extra?: object): object {
  return Object.assign(Object.create(config) as object, context, extra);
}

/** A query string as @smithy/core's parseQueryString reads it: a repeated name gives a list. */
function queryOf(search: string): Record<string, string | null | Array<string | null>> {
  const query: Record<string, string | null | Array<string | null>> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const [rawKey = '', rawValue = null] = pair.split('=');
    const key = decodeURIComponent(rawKey);
    const value = rawValue ? decodeURIComponent(rawValue) : rawValue;
    const known = query[key];
    if (!(key in query)) query[key] = value;
    else if (Array.isArray(known)) known.push(value);
    else query[key] = [known as string | null, value];
  }
  return query;
}

/** An endpoint rule set's answer as the protocol takes a request's endpoint: @smithy/core's `toEndpointV1`. */
function endpointV1(endpoint: { url: URL; headers?: Record<string, string[]> }) {
  const { hostname, pathname, port, protocol, search } = endpoint.url;
  const v1: Record<string, unknown> = {
    hostname,
    port: port ? Number.parseInt(port, 10) : undefined,
    protocol,
    path: pathname,
    query: search ? queryOf(search) : undefined,
  };
  if (endpoint.headers) {
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(endpoint.headers)) headers[name.toLowerCase()] = values.join(', ');
    v1.headers = headers;
  }
  return v1;
}

/**
 * The serializer and deserializer middleware of @smithy/core's schema serde (`getSchemaSerdePlugin`), in
 * their place and doing the same, without copying the configuration per call (serdeContextOf). An error
 * while reading the response is dressed as @smithy/core dresses it ($response, $metadata).
 */
function serializeWithoutCopies(client: DynamoDBClient): void {
  const config = client.config as unknown as SerdeConfig;
  const serialize = (next: SerdeHandler, context: SerdeContext) => async (args: { input: unknown }) => {
    const { endpointV2 } = context;
    const endpoint = endpointV2 ? async () => endpointV1(endpointV2) : config.endpoint;
    const request = await config.protocol.serializeRequest(
      operationOf(context),
      args.input,
      serdeContextOf(config, context, { endpoint }),
    );
    return next({ ...args, request });
  };
  const deserialize = (next: SerdeHandler, context: SerdeContext) => async (args: { input: unknown }) => {
    const { response } = await next(args);
    try {
      const output = await config.protocol.deserializeResponse(
        operationOf(context),
        serdeContextOf(config, context),
        response,
      );
      return { response, output };
    } catch (error) {
      throw dressed(error as DeserializeError, response as RawResponse, context);
    }
  };
  const stack = client.middlewareStack as unknown as {
    add(middleware: unknown, options: { name: string; step: string; tags: string[]; override: true }): void;
  };
  stack.add(serialize, { name: 'serializerMiddleware', step: 'serialize', tags: ['SERIALIZER'], override: true });
  stack.add(deserialize, {
    name: 'deserializerMiddleware',
    step: 'deserialize',
    tags: ['DESERIALIZER'],
    override: true,
  });
}

interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: unknown;
}
interface DeserializeError extends Error {
  $metadata?: object;
  $response?: RawResponse;
  $responseBodyText?: string;
}

const HINT =
  'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';

/** @smithy/core's schemaDeserializationMiddleware's handling of an error, unchanged. */
function dressed(error: DeserializeError, response: RawResponse, context: SerdeContext): DeserializeError {
  Object.defineProperty(error, '$response', {
    value: response,
    enumerable: false,
    writable: false,
    configurable: false,
  });
  if ('$metadata' in error) return error;
  try {
    error.message += `\n  ${HINT}`;
  } catch {
    if (!context.logger || context.logger.constructor?.name === 'NoOpLogger') console.warn(HINT);
    else context.logger.warn?.(HINT);
  }
  if (error.$responseBodyText !== undefined && error.$response) error.$response.body = error.$responseBodyText;
  if (response && typeof response.statusCode === 'number' && typeof response.headers === 'object') {
    const entries = Object.entries(response.headers);
    const find = (pattern: RegExp) => entries.find(([name]) => pattern.test(name))?.[1];
    error.$metadata = {
      httpStatusCode: response.statusCode,
      requestId: find(/^x-[\w-]+-request-?id$/),
      extendedRequestId: find(/^x-[\w-]+-id-2$/),
      cfId: find(/^x-[\w-]+-cf-id$/),
    };
  }
  return error;
}

/** An ISO 8601 basic-format time, as SigV4's X-Amz-Date: 20261126T161341Z. */
const amzDate = (now: Date) => now.toISOString().replace(/[-:]|\.\d{3}/g, '');

/**
 * For inProcessUnsigned: the SigV4 signing middleware and the auth scheme choice before it give way to one
 * that writes the Authorization header's well-formed shape (the access key, a date, no real signature).
 */
function leaveUnsigned(client: DynamoDBClient): void {
  const config = client.config as unknown as { credentials: () => Promise<{ accessKeyId: string }> };
  type Handler = (args: { request?: { headers?: Record<string, string> } }) => Promise<unknown>;
  const unsigned = (next: Handler) => async (args: Parameters<Handler>[0]) => {
    const headers = args.request?.headers;
    if (!headers) return next(args);
    const { accessKeyId } = await config.credentials();
    const date = amzDate(new Date());
    headers['x-amz-date'] = date;
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${date.slice(0, 8)}/local/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=unsigned-in-process`;
    return next(args);
  };
  client.middlewareStack.remove('httpAuthSchemeMiddleware');
  client.middlewareStack.addRelativeTo(unsigned as never, {
    name: 'httpSigningMiddleware',
    aliases: ['apiKeyMiddleware', 'tokenMiddleware', 'awsAuthMiddleware'],
    override: true,
    relation: 'after',
    toMiddleware: 'retryMiddleware',
  });
}

/** The resolved configuration, as far as the user agent goes. */
interface UserAgentConfig {
  defaultUserAgentProvider: () => Promise<UserAgentPair[]>;
  customUserAgent?: UserAgentPair[];
  userAgentAppId: () => Promise<string | undefined>;
  retryStrategy: () => Promise<{ mode?: string }>;
  accountIdEndpointMode?: () => Promise<string>;
  runtime?: string;
}
type UserAgentPair = [string, string?];

/** The middleware context, as far as the user agent goes (what @aws-sdk/core's checkFeatures reads and writes). */
interface UserAgentContext {
  userAgent?: UserAgentPair[];
  endpointV2?: { url?: { hostname?: string } };
  __smithy_context?: {
    features?: Record<string, string>;
    selectedHttpAuthScheme?: { identity?: { accountId?: string; $source?: Record<string, string> } };
  };
  __aws_sdk_context?: { features?: Record<string, string> };
}

const setFeature = (context: UserAgentContext, name: string, value: string) => {
  context.__aws_sdk_context ??= {};
  context.__aws_sdk_context.features ??= {};
  context.__aws_sdk_context.features[name] = value;
};

/** @aws-sdk/core's escapeUserAgent: a [name, version] pair as the header writes it. */
function escapeUserAgent([pairName, pairVersion]: UserAgentPair): string {
  const name = pairName
    .split('/')
    .map((part) => part.replace(/[^!$%&'*+\-.^_`|~\w]/g, '-'))
    .join('/');
  const version = pairVersion?.replace(/[^!$%&'*+\-.^_`|~\w#]/g, '-');
  const prefix = name.substring(0, name.indexOf('/'));
  let uaName = name.substring(name.indexOf('/') + 1);
  if (prefix === 'api') uaName = uaName.toLowerCase();
  const items = [prefix, uaName, version].filter((item): item is string => !!item && item.length > 0);
  return items.reduce(
    (written, item, index) => (index === 0 ? item : `${written}${index === 1 ? '/' : '#'}${item}`),
    '',
  );
}

/** @aws-sdk/core's encodeFeatures: the features' values, comma-separated, within 1,024 bytes. */
function encodeFeatures(features: Record<string, string>): string {
  let written = '';
  for (const value of Object.values(features)) {
    if (written.length + value.length + 1 > 1024) break;
    written = written ? `${written},${value}` : value;
  }
  return written;
}

/**
 * @aws-sdk/core's user agent middleware, in its place, writing the same two headers: it escaped every part
 * of the user agent and joined them again on every request (a sixth of a call's allocation once signing was
 * gone). The features of a request (retry mode, account-id endpoint mode, where the credentials came from,
 * lib-dynamodb's mapper) are recorded on the context per request as @aws-sdk/core's checkFeatures records
 * them; the headers are written once per distinct set of features and reused.
 */
function userAgentOncePerFeatures(client: DynamoDBClient): void {
  const config = client.config as unknown as UserAgentConfig;
  const written = new Map<string, { agent: string; amzAgent: string }>();
  let constant: Promise<{ retryMode?: string; accountIdMode?: string; appId?: string }> | undefined;
  const constants = async () => ({
    retryMode: (await config.retryStrategy()).mode,
    accountIdMode: await config.accountIdEndpointMode?.(),
    appId: await config.userAgentAppId(),
  });
  type Handler = (args: { request?: { headers?: Record<string, string> } }) => Promise<unknown>;
  const userAgent = (next: Handler, context: UserAgentContext) => async (args: Parameters<Handler>[0]) => {
    const headers = args.request?.headers;
    if (!headers) return next(args);
    constant ??= constants().catch((error: unknown) => {
      constant = undefined;
      throw error;
    });
    const { retryMode, accountIdMode, appId } = await constant;
    if (headers['smithy-protocol'] === 'rpc-v2-cbor') setFeature(context, 'PROTOCOL_RPC_V2_CBOR', 'M');
    if (retryMode === 'adaptive') setFeature(context, 'RETRY_MODE_ADAPTIVE', 'F');
    else if (retryMode === 'standard') setFeature(context, 'RETRY_MODE_STANDARD', 'E');
    if (config.accountIdEndpointMode) {
      if (/\d{12}\.ddb/.test(String(context.endpointV2?.url?.hostname)))
        setFeature(context, 'ACCOUNT_ID_ENDPOINT', 'O');
      const mode = { disabled: 'Q', preferred: 'P', required: 'R' }[accountIdMode ?? ''];
      if (mode) setFeature(context, `ACCOUNT_ID_MODE_${accountIdMode?.toUpperCase()}`, mode);
    }
    const identity = context.__smithy_context?.selectedHttpAuthScheme?.identity;
    if (identity?.$source) {
      if (identity.accountId) setFeature(context, 'RESOLVED_ACCOUNT_ID', 'T');
      for (const [name, value] of Object.entries(identity.$source)) setFeature(context, name, value);
    }
    const features = encodeFeatures({ ...context.__smithy_context?.features, ...context.__aws_sdk_context?.features });
    const key = context.userAgent ? `${features} ${JSON.stringify(context.userAgent)}` : features;
    let agents = written.get(key);
    if (!agents) {
      const defaults = (await config.defaultUserAgentProvider()).map(escapeUserAgent);
      defaults.push(`m/${features}`);
      if (appId) defaults.push(escapeUserAgent(['app', appId]));
      const custom = config.customUserAgent?.map(escapeUserAgent) ?? [];
      const extra = context.userAgent?.map(escapeUserAgent) ?? [];
      agents = {
        agent: [...defaults, ...extra, ...custom].join(' '),
        amzAgent: [...defaults.filter((section) => section.startsWith('aws-sdk-')), ...custom].join(' '),
      };
      written.set(key, agents);
    }
    if (config.runtime === 'browser') headers['x-amz-user-agent'] = agents.agent;
    else {
      if (agents.amzAgent)
        headers['x-amz-user-agent'] = headers['x-amz-user-agent']
          ? `${headers['user-agent']} ${agents.amzAgent}`
          : agents.amzAgent;
      headers['user-agent'] = agents.agent;
    }
    return next(args);
  };
  (client.middlewareStack as unknown as { add(middleware: unknown, options: object): void }).add(userAgent, {
    name: 'getUserAgentMiddleware',
    step: 'build',
    priority: 'low',
    tags: ['SET_USER_AGENT', 'USER_AGENT'],
    override: true,
  });
}

/** What the SDK's endpoint middleware reads to resolve an endpoint: a command's parameter instructions. */
type EndpointInstruction =
  | { type: 'staticContextParams'; value: unknown }
  | { type: 'contextParams'; name: string }
  | { type: 'operationContextParams'; get: (input: unknown) => unknown }
  | { type: 'builtInParams' | 'clientContextParams'; name: string };
interface SentCommand {
  input: Record<string, unknown>;
  constructor: { getEndpointParameterInstructions?: () => Record<string, EndpointInstruction> };
  middlewareStack: { addRelativeTo: (middleware: unknown, options: { name?: string }) => void };
}
interface EndpointContext {
  endpointV2?: Endpoint;
  authSchemes?: AuthScheme[];
  signing_region?: string;
  signing_service?: string;
  __smithy_context?: {
    selectedHttpAuthScheme?: { httpAuthOption?: { signingProperties?: Record<string, unknown> } };
  };
}
interface Endpoint {
  properties?: { authSchemes?: AuthScheme[] };
}
interface AuthScheme {
  signingRegion?: string;
  signingName?: string;
  signingRegionSet?: string[];
  properties?: object;
}
type EndpointHandler = (args: { input: Record<string, unknown> }) => Promise<unknown>;
type EndpointMiddleware = (next: EndpointHandler, context: EndpointContext) => EndpointHandler;

const KNOWN_ENDPOINTS_LIMIT = 64;

/**
 * The SDK resolves a request's endpoint by evaluating the service's rule set again for every request (its
 * parameters gathered through a dozen asynchronous providers and a copy of the whole configuration, a fifth
 * of a call's allocation once signing was gone). What it answers depends only on the configuration (fixed
 * for a client's life), the credentials' account and what the command names (its table or tables): the
 * SDK's own middleware resolves each such combination once, and its answer is applied to later requests as
 * that middleware applies it. Put in place when a command's middleware is resolved (once per command
 * class while the client keeps its resolved middleware).
 */
function endpointOncePerResource(client: DynamoDBClient, sent: object): void {
  const command = sent as SentCommand;
  const handlers = (client as unknown as { handlers?: WeakMap<object, unknown> }).handlers;
  const instructions = command.constructor.getEndpointParameterInstructions?.();
  if (!instructions || !command.middlewareStack || handlers?.has(command.constructor)) return;
  const config = client.config as unknown as { credentials?: unknown; isCustomEndpoint?: boolean };
  const stack = command.middlewareStack;
  const addRelativeTo = stack.addRelativeTo;
  stack.addRelativeTo = (middleware, options) =>
    addRelativeTo.call(
      stack,
      options.name === 'endpointV2Middleware' ? once(middleware as EndpointMiddleware) : middleware,
      options,
    );
  const accountOf = async () => {
    const credentials = (typeof config.credentials === 'function' ? await config.credentials() : config.credentials) as
      | Record<string, unknown>
      | undefined;
    return [
      credentials?.accountId ?? credentials?.AccountId,
      credentials?.credentialScope ?? credentials?.CredentialScope,
    ];
  };
  const keyOf = async (input: Record<string, unknown>) => {
    const parts: unknown[] = await accountOf();
    for (const instruction of Object.values(instructions))
      if (instruction.type === 'contextParams') parts.push(input[instruction.name]);
      else if (instruction.type === 'operationContextParams') parts.push(instruction.get(input));
    return JSON.stringify(parts);
  };
  const once =
    (resolve: EndpointMiddleware): EndpointMiddleware =>
    (next, context) => {
      const resolving = resolve(async () => undefined, context);
      const known = new Map<string, Endpoint>();
      return async (args) => {
        const key = await keyOf(args.input);
        const endpoint = known.get(key);
        if (!endpoint) {
          await resolving(args);
          if (known.size >= KNOWN_ENDPOINTS_LIMIT) known.clear();
          if (context.endpointV2) known.set(key, context.endpointV2);
          return next(args);
        }
        // As @smithy/core's endpoint middleware applies what it resolved.
        context.endpointV2 = endpoint;
        context.authSchemes = endpoint.properties?.authSchemes;
        const authScheme = context.authSchemes?.[0];
        if (authScheme) {
          context.signing_region = authScheme.signingRegion;
          context.signing_service = authScheme.signingName;
          const option = context.__smithy_context?.selectedHttpAuthScheme?.httpAuthOption;
          if (option)
            option.signingProperties = Object.assign(
              option.signingProperties || {},
              {
                signing_region: authScheme.signingRegion,
                signingRegion: authScheme.signingRegion,
                signing_service: authScheme.signingName,
                signingName: authScheme.signingName,
                signingRegionSet: authScheme.signingRegionSet,
              },
              authScheme.properties,
            );
        }
        return next(args);
      };
    };
}
