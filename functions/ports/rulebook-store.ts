import type { Rulebook } from '../core/rulebook/rulebook.js';
import type { PendingRollback } from '../core/rulebook/sign-rollback.js';
import type { DomainEvent } from '../core/events/domain-event.js';
import type { RulebookDraft, RulebookHistoryEntry, RulebookVersion } from '../core/rulebook/rulebook-lifecycle.js';

export interface RulebookStore {
  /** The version routing and scoring use for new conversations; null before a site has one. */
  getLive(siteKey: string): Promise<Rulebook | null>;
  /** A published version; versions never change, so callers may cache them. */
  getVersion(siteKey: string, version: number): Promise<Rulebook | null>;
  /** Publishes a first version (unsigned: the site's starting point) at `publishedAt` unless the site has one. */
  putLiveIfAbsent(siteKey: string, rulebook: Rulebook, publishedAt: string): Promise<boolean>;
  getDraft(siteKey: string): Promise<RulebookDraft | null>;
  /** Saves the draft if its stored revision is `draft.revision - 1` (absent for revision 1); else throws StaleRulebookError. */
  saveDraft(siteKey: string, draft: RulebookDraft): Promise<void>;
  deleteDraft(siteKey: string, revision: number): Promise<void>;
  listVersions(siteKey: string): Promise<RulebookVersion[]>;
  /** Stores a new version, then switches the live pointer to it if the live version is still `expectedLive` (one conditional write). */
  publish(
    siteKey: string,
    version: RulebookVersion,
    expectedLive: number,
    events?: readonly DomainEvent[],
  ): Promise<void>;
  /** Points the live pointer at an earlier version, if the live version is still `expectedLive`. */
  pointLiveTo(siteKey: string, version: RulebookVersion, expectedLive: number): Promise<void>;
  /** The rollback one side signed and the other has not yet; null when none waits. */
  getPendingRollback(siteKey: string): Promise<PendingRollback | null>;
  /** Saves it if the stored one's revision is `rollback.revision - 1` (absent for revision 1); else throws StaleRulebookError. */
  savePendingRollback(siteKey: string, rollback: PendingRollback): Promise<void>;
  /** Removes a completed rollback if it is still at `revision`; else throws StaleRulebookError. */
  deletePendingRollback(siteKey: string, revision: number): Promise<void>;
  /** Records a change; its events leave with the entry (each entry is a new item). */
  appendHistory(siteKey: string, entry: RulebookHistoryEntry, events?: readonly DomainEvent[]): Promise<void>;
  listHistory(siteKey: string): Promise<RulebookHistoryEntry[]>;
}

export class StaleRulebookError extends Error {
  constructor(what: string) {
    super(`${what} changed meanwhile`);
    this.name = 'StaleRulebookError';
  }
}
