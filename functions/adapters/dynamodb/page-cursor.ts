import { InvalidCursorError } from '../../ports/lead-store.js';

/** A query's LastEvaluatedKey as an opaque URL-safe cursor. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;

/**
 * Reads a cursor back, refusing anything that is not a key of the expected index partition: a
 * cursor from another site's listing must not continue into it.
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: { attribute: string; value: string },
  keyAttributes: readonly string[],
): Record<string, string> | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    typeof key !== 'object' ||
    key === null ||
    Object.keys(key).length !== keyAttributes.length ||
    !keyAttributes.every((name) => typeof (key as Record<string, unknown>)[name] === 'string') ||
    (key as Record<string, string>)[partition.attribute] !== partition.value
  )
    throw new InvalidCursorError();
  return key as Record<string, string>;
}
