import { Site } from '../../core/conversation/site.js';
import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';
import { widgetScriptTag } from './widget-script-tag.js';

/** The settings a site may go without: `null` removes one. */
const REMOVABLE = ['consent', 'brandColour', 'greeting', 'avatarUrl'] as const;
type Removable = (typeof REMOVABLE)[number];

export type SiteChange = Partial<Omit<Site, 'siteKey' | Removable>> & {
  [K in Removable]?: Site[K] | null;
};

/**
 * Changes a site's name, language, own playbook, meeting type, consent notice or branding (colour,
 * greeting, avatar); `null` removes an optional setting.
 */
export async function updateSite(deps: Pick<Dependencies, 'sites' | 'publicUrl'>, siteKey: string, change: SiteChange) {
  const current = await deps.sites.get(siteKey);
  if (!current) throw notFound('Unknown site', `No site has the key "${siteKey}".`);
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null && (REMOVABLE as readonly string[]).includes(key)) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  const site = Site.parse(merged);
  if (!(await deps.sites.replace(site))) throw notFound('Unknown site', `No site has the key "${siteKey}".`);
  return { site, scriptTag: widgetScriptTag(deps.publicUrl, site.siteKey) };
}
