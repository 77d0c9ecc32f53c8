import type { Site } from '../core/conversation/site.js';

export interface SiteStore {
  get(siteKey: string): Promise<Site | null>;
  /** Creates the site unless it exists; returns whether it was created. */
  putIfAbsent(site: Site): Promise<boolean>;
  /** Replaces an existing site; returns false when there is none. */
  replace(site: Site): Promise<boolean>;
}
