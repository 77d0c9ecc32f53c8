import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const functionsDir = new URL('../../../functions/', import.meta.url);
const leanUrl = new URL('../../../functions/bundling/zod-lean.js', import.meta.url).href;
type Members = Record<string, unknown>;
const leanZ = async () => ((await import(leanUrl)) as { z: Members }).z;

/** Names only ever written in type positions (`z.infer<typeof X>`), never read at run time. */
const typeOnly = new Set(['infer', 'input', 'output']);

/** Every `z.member` (and `z.coerce.x`, `z.iso.x`) written in functions/, line breaks between the dots included. */
async function membersUsedInFunctions(): Promise<Set<string>> {
  const files = (await readdir(functionsDir, { recursive: true })).filter((file) => file.endsWith('.ts'));
  const used = new Set<string>();
  for (const file of files) {
    const source = await readFile(new URL(file, functionsDir), 'utf8');
    for (const [, member, inner] of source.matchAll(/\bz\s*\.\s*([A-Za-z_]+)(?:\s*\.\s*([A-Za-z_]+))?/g)) {
      if (typeOnly.has(member!)) continue;
      used.add(member === 'coerce' || member === 'iso' ? `${member}.${inner}` : member!);
    }
  }
  return used;
}

describe('zod as the visitor function is built with it (functions/bundling/zod-lean.js)', () => {
  it('holds every member of z that code in functions/ calls', async () => {
    const lean = await leanZ();
    const used = await membersUsedInFunctions();
    expect(used.size).toBeGreaterThan(10);

    const missing = [...used].filter((path) => {
      const [member, inner] = path.split('.');
      const value = lean[member!];
      return inner ? (value as Members | undefined)?.[inner] === undefined : value === undefined;
    });
    expect(missing).toEqual([]);
  });

  it('is zod’s own: the same schema classes, the same answers and the same issues', async () => {
    const lean = (await leanZ()) as unknown as typeof z;
    expect(lean.ZodType).toBe(z.ZodType);
    const make = (zz: typeof z) =>
      zz.strictObject({
        kind: zz.enum(['a', 'b']),
        count: zz.coerce.number().int().min(1),
        at: zz.iso.datetime({ offset: true }),
        site: zz.url().optional(),
      });
    const inputs = [
      { kind: 'a', count: '2', at: '2026-11-26T13:00:00+01:00' },
      { kind: 'c', count: '0', at: 'yesterday', extra: true },
    ];
    for (const input of inputs) {
      expect(make(lean).safeParse(input)).toEqual(make(z).safeParse(input));
    }
  });
});
