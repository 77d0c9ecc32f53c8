/** Round-robin turns, credits and daily load, kept with atomic single-item updates (no transactions). */
export interface RoutingState {
  /** The next turn of a pool's rotation, 1-based; concurrent callers always get different turns. */
  takeTicket(siteKey: string, poolId: string): Promise<number>;
  /** Turns given back (a canceled or no-show meeting), by rep. */
  credits(siteKey: string, poolId: string): Promise<Map<string, number>>;
  /** Takes one credited turn of the rep; false when another request took it first. */
  useCredit(siteKey: string, poolId: string, repId: string): Promise<boolean>;
  creditTurn(siteKey: string, poolId: string, repId: string): Promise<void>;
  /** Leads assigned to each rep on a day (the rep's local date, YYYY-MM-DD). */
  assignedOn(siteKey: string, days: ReadonlyMap<string, string>): Promise<Map<string, number>>;
  /** Counts one assignment unless the rep already has `cap`; false when the cap is reached. */
  claimAssignment(siteKey: string, repId: string, day: string, cap: number | undefined): Promise<boolean>;
  /** Gives an assignment back (a canceled meeting). */
  releaseAssignment(siteKey: string, repId: string, day: string): Promise<void>;
}
