// The AWS SDK as the visitor function's build gets it (esbuild aliases, lambda-bundling.ts `aliasesOf`): its
// clients and commands only hold what they were given, and a client's first `send` reads the real package
// (the Lambda runtime's), makes the real client and sends the real command. Loading @aws-sdk/client-dynamodb
// and its kin from node_modules (CommonJS, hundreds of files) was most of that function's import; now the
// first request that calls AWS pays it, once per instance. Only the names the visitor function imports are
// here: esbuild fails the build on a name these modules do not export.

// Not string literals: esbuild leaves these to Node instead of resolving them to the aliases themselves.
const packages = {
  dynamodb: '@aws-sdk/client-dynamodb',
  document: '@aws-sdk/lib-dynamodb',
  scheduler: '@aws-sdk/client-scheduler',
  apiGateway: '@aws-sdk/client-apigatewaymanagementapi',
};
type PackageName = keyof typeof packages;

/** What is used of a real SDK package: its client and command classes by name. */
type SdkModule = Record<string, new (input: unknown) => RealClient>;
interface RealClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

const loading = new Map<PackageName, Promise<SdkModule>>();

/** The real package, read once; a failed read is tried again by the next send. */
export function real(name: PackageName): Promise<SdkModule> {
  let module = loading.get(name);
  if (!module) {
    module = import(packages[name]) as Promise<SdkModule>;
    loading.set(name, module);
    module.catch(() => loading.delete(name));
  }
  return module;
}

/** A command sent through one of these clients. */
export interface HeldCommand {
  readonly commandName: string;
  readonly input: unknown;
}

/** A command that keeps its input (what the read coalescer and the stores look at) until its client sends it. */
export function command(commandName: string) {
  return class implements HeldCommand {
    readonly commandName = commandName;
    constructor(readonly input: unknown) {}
  };
}

/** An SDK client whose real one is made on its first send, with the same configuration. */
export function client(packageName: PackageName, name: string) {
  return class {
    #made: RealClient | undefined;
    constructor(private readonly config: unknown = {}) {}
    /** The real client (lib-dynamodb's document client wraps it). */
    async made(): Promise<RealClient> {
      const module = await real(packageName);
      this.#made ??= new module[name]!(this.config);
      return this.#made;
    }
    async send(sent: HeldCommand, options?: unknown): Promise<unknown> {
      const [made, module] = await Promise.all([this.made(), real(packageName)]);
      return made.send(new module[sent.commandName]!(sent.input), options);
    }
  };
}

/** An SDK error class: the real package's errors are what is thrown, recognised by their name. */
export function error(name: string) {
  return class extends Error {
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Error && value.name === name;
    }
    constructor(options: { message?: string } = {}) {
      super(options.message);
      this.name = name;
    }
  };
}
