/** dynalite's `checkTypes(data, types)` for one operation's `types`, compiled once (embedded-store-types.mjs). */
export function compiledCheckTypes(types: object): (data: unknown) => Record<string, unknown>;
