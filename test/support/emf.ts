import { vi } from 'vitest';

export interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [key: string]: unknown;
}

const emfOf = (line: string): EmfLine | undefined => {
  try {
    const parsed = JSON.parse(line) as Partial<EmfLine>;
    return parsed._aws ? (parsed as EmfLine) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The CloudWatch embedded-metric-format lines written to stdout while `run` runs (Powertools Metrics writes
 * them there, where Lambda's log agent reads them); anything else on stdout passes through.
 */
export async function emfWrittenBy(run: () => Promise<unknown>): Promise<EmfLine[]> {
  const lines: EmfLine[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    const found = String(chunk)
      .split('\n')
      .map(emfOf)
      .filter((line) => line !== undefined);
    lines.push(...found);
    return found.length > 0 ? true : write(chunk, ...rest);
  }) as typeof process.stdout.write);
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** An EMF line's metrics, by name, with their values. */
export const metricsOf = (line: EmfLine): Record<string, unknown> =>
  Object.fromEntries(line._aws.CloudWatchMetrics[0]!.Metrics.map(({ Name }) => [Name, line[Name]]));
