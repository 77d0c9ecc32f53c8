/** The operations dynalite serves (its HTTP handler's list), each with its own checks. */
export const OPERATIONS: readonly string[];
/** dynalite's `checkTypes(data, types)` for one operation's `types`, compiled once (embedded-store-types.mjs). */
export function compiledCheckTypes(types: object): (data: unknown) => Record<string, unknown>;
/** dynalite's `checkValidations(data, types, custom, store)` for one operation's `types`, planned once. */
export function compiledCheckValidations(
  types: object,
  dynalite: {
    validationError(message: string): Error;
    checkValidations(data: unknown, types: object, custom: unknown, store: unknown): void;
  },
): (data: unknown, custom: unknown, store: unknown) => void;
