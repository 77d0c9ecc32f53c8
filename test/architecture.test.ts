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

  const offencesIn = async (dir: string, forbidden: (spec: string, resolved: string) => string | null) => {
    const offences: string[] = [];
    for (const file of await filesUnder(dir))
      for (const spec of imports(await readFile(file, 'utf8'))) {
        const why = forbidden(spec, spec.startsWith('.') ? join(file, '..', spec) : spec);
        if (why) offences.push(`${file} imports ${spec}: ${why}`);
      }
    return offences;
  };
  const inLayer = (resolved: string, ...layers: string[]) =>
    layers.some((layer) => resolved.startsWith(`functions/${layer}/`));

  it('keeps HTTP to routes over use cases: no adapters, no composition, no AWS SDK', async () => {
    expect(
      await offencesIn('functions/http', (spec, resolved) =>
        /^@aws-sdk\//.test(spec)
          ? 'the AWS SDK belongs in adapters'
          : inLayer(resolved, 'adapters', 'composition', 'handlers', 'local')
            ? 'HTTP sees use cases and ports, never how they are built'
            : null,
      ),
    ).toEqual([]);
  });

  it('keeps Lambda handlers thin: they get what they need from one composition function, never from adapters', async () => {
    expect(
      await offencesIn('functions/handlers', (_spec, resolved) =>
        inLayer(resolved, 'adapters')
          ? 'only composition builds adapters'
          : inLayer(resolved, 'local')
            ? 'local runtime'
            : null,
      ),
    ).toEqual([]);
  });

  it('keeps the local runtime out of everything it runs', async () => {
    const offences: string[] = [];
    for (const layer of ['core', 'ports', 'app', 'adapters', 'http', 'handlers', 'composition'])
      offences.push(
        ...(await offencesIn(`functions/${layer}`, (_spec, resolved) =>
          inLayer(resolved, 'local') ? 'the local runtime is a way to run Baton, not a part of it' : null,
        )),
      );
    expect(offences).toEqual([]);
  });

  it('keeps ports and adapters pointing inward: ports name core types, adapters implement ports', async () => {
    expect(
      await offencesIn('functions/ports', (_spec, resolved) =>
        inLayer(resolved, 'app', 'adapters', 'http', 'handlers', 'composition') ? 'a port knows only the core' : null,
      ),
    ).toEqual([]);
    expect(
      await offencesIn('functions/adapters', (_spec, resolved) =>
        inLayer(resolved, 'http', 'handlers', 'composition') ? 'an adapter does not know who uses it' : null,
      ),
    ).toEqual([]);
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
