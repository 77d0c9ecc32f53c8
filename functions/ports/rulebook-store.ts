import type { Rulebook } from '../core/rulebook/rulebook.js';

export interface RulebookStore {
  /** The version routing and scoring use now; null before a site has one. */
  getLive(siteKey: string): Promise<Rulebook | null>;
  /** Stores a first live version unless the site has one. */
  putLiveIfAbsent(siteKey: string, rulebook: Rulebook): Promise<boolean>;
}
