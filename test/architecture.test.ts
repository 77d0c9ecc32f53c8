import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)])),
  );
  return nested.flat().filter((file) => file.endsWith('.ts'));
}

const imports = (source: string) => [...source.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]!);

describe('the dependency rule', () => {
  it('keeps the domain core pure: no AWS SDK, Hono, Node I/O, environment or clock reads', async () => {
    const offences: string[] = [];
    for (const file of await filesUnder('functions/core')) {
      const source = await readFile(file, 'utf8');
      for (const spec of imports(source)) {
        if (/^(@aws-sdk\/|hono|@hono\/|aws-lambda|node:|@aws-lambda-powertools\/)/.test(spec))
          offences.push(`${file} imports ${spec}`);
        if (
          spec.startsWith('.') &&
          /\/(app|adapters|http|handlers|local|composition|ports)\//.test(join(file, '..', spec))
        )
          offences.push(`${file} imports outward: ${spec}`);
      }
      if (/process\.env|Date\.now\(\)|new Date\(\)|Math\.random\(\)/.test(source))
        offences.push(`${file} reads the environment, the clock or randomness`);
    }
    expect(offences).toEqual([]);
  });

  it('keeps use cases free of adapters and HTTP', async () => {
    const offences: string[] = [];
    for (const file of await filesUnder('functions/app')) {
      for (const spec of imports(await readFile(file, 'utf8'))) {
        if (/^(@aws-sdk\/|hono|@hono\/)/.test(spec) || /\/(adapters|http|handlers|local|composition)\//.test(spec))
          offences.push(`${file} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
