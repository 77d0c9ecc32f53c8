/**
 * The `default` of a switch over a union: the compiler proves it unreachable, so a new member of the
 * union (a step kind, an operator, an event) fails `tsc` at every switch that does not handle it yet.
 * At run time it throws instead of silently doing nothing.
 */
export function assertNever(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
