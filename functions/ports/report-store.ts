/** What a report reads: per day, per dimension value, counters kept up to date by event consumers. */
export interface ReportRow {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** The dimension's value ('all' for the all-leads row). */
  value: string;
  counters: Record<string, number>;
}

export type ReportDimension = 'all' | 'source' | 'campaign' | 'rule' | 'version' | 'rep';

/** Aggregates, never scans: each event adds to a few counters; a report reads the rows of its date range. */
export interface ReportStore {
  /** Adds to counters of one row (atomic ADDs; missing counters start at 0). */
  add(
    siteKey: string,
    dimension: ReportDimension,
    day: string,
    value: string,
    counters: Record<string, number>,
  ): Promise<void>;
  /** Every row of the dimension whose day is in [fromDay, toDay]. */
  read(siteKey: string, dimension: ReportDimension, fromDay: string, toDay: string): Promise<ReportRow[]>;
}
