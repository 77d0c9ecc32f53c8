export class MalformedFileError extends Error {
  constructor(
    readonly line: number | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'MalformedFileError';
  }
}

const HEADER_ALIASES: Record<string, string> = {
  domain: 'domain',
  website: 'domain',
  'company domain': 'domain',
  name: 'name',
  company: 'name',
  'company name': 'name',
  account: 'name',
  'account name': 'name',
  employees: 'employees',
  'employee count': 'employees',
  'number of employees': 'employees',
  size: 'employees',
  industry: 'industry',
  country: 'country',
  'country code': 'country',
  region: 'region',
  state: 'region',
  territory: 'region',
  tier: 'tier',
  'account tier': 'tier',
  'target tier': 'tier',
  owner: 'ownerRepId',
  'owner rep': 'ownerRepId',
  ownerrepid: 'ownerRepId',
  'owner rep id': 'ownerRepId',
  'account owner': 'ownerRepId',
};

/** CSV rows with their line numbers (the header is line 1). Headers are matched loosely ("Company Name", "Account Owner"). */
export async function parseAccountCsv(text: string): Promise<Array<{ line: number; record: Record<string, string> }>> {
  // Loaded on the first import, not with the function (cold-start time).
  const { parse } = await import('csv-parse/sync');
  if (text.trim() === '') throw new MalformedFileError(null, 'the file is empty');
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(text, {
      bom: true,
      columns: (header: string[]) => {
        const columns = header.map((name) => HEADER_ALIASES[name.trim().toLowerCase()] ?? name.trim());
        if (!columns.includes('domain')) throw new MalformedFileError(1, 'the header has no "domain" column');
        return columns;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }) as typeof rows;
  } catch (error) {
    if (error instanceof MalformedFileError) throw error;
    const line = (error as { lines?: number }).lines ?? null;
    throw new MalformedFileError(line, (error as Error).message);
  }
  return rows.map(({ record, info }) => ({ line: info.lines, record }));
}
