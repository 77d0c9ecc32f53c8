import { Site } from '../../core/conversation/site.js';
import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';
import { widgetScriptTag } from './widget-script-tag.js';

export type SiteChange = Partial<Omit<Site, 'siteKey' | 'consent'>> & { consent?: Site['consent'] | null };

/** Changes a site's name, language, own playbook, meeting type or consent notice (`consent: null` removes it). */
export async function updateSite(deps: Pick<Dependencies, 'sites' | 'publicUrl'>, siteKey: string, change: SiteChange) {
  const current = await deps.sites.get(siteKey);
  if (!current) throw notFound('Unknown site', `No site has the key "${siteKey}".`);
  const { consent, ...rest } = change;
  const merged = { ...current, ...rest };
  if (consent === null) delete merged.consent;
  else if (consent) merged.consent = consent;
  const site = Site.parse(merged);
  if (!(await deps.sites.replace(site))) throw notFound('Unknown site', `No site has the key "${siteKey}".`);
  return { site, scriptTag: widgetScriptTag(deps.publicUrl, site.siteKey) };
}
