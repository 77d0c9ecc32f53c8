import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const httpDir = fileURLToPath(new URL('../../../functions/http/', import.meta.url));

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourcesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

describe('request variables in the HTTP layer', () => {
  // Hono's `c.var` builds a new object of every variable on each read (Object.fromEntries): a chat turn read it
  // about twenty times. `c.get(name)` reads one from the context's map.
  it('are read with c.get, never through c.var', () => {
    const readers = sourcesUnder(httpDir).filter((file) => /\bc\.var\b/.test(readFileSync(file, 'utf8')));

    expect(readers).toEqual([]);
  });
});
