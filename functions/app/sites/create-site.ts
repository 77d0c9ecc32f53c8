import { Site } from '../../core/conversation/site.js';
import { starterPlaybook, starterRulebook } from '../../core/conversation/starter-site.js';
import type { Dependencies } from '../dependencies.js';
import { conflict } from '../errors.js';
import { widgetScriptTag } from './widget-script-tag.js';

export interface NewSite {
  siteKey: string;
  name: string;
  defaultLanguage?: string | undefined;
  playbook?: Site['playbook'] | undefined;
  meetingType?: Site['meetingType'] | undefined;
  consent?: Site['consent'];
  brandColour?: Site['brandColour'];
  greeting?: Site['greeting'];
  avatarUrl?: Site['avatarUrl'];
  retention?: Site['retention'];
}

/**
 * Creates a site with the starter playbook and rulebook (unless given others), so the script tag it
 * answers with works at once. The rulebook is written first: a retry after a failure between the two
 * writes finishes the job instead of leaving a site that cannot route.
 */
export async function createSite(
  deps: Pick<Dependencies, 'sites' | 'rulebooks' | 'publicUrl' | 'clock'>,
  input: NewSite,
) {
  const site = Site.parse({
    siteKey: input.siteKey,
    name: input.name,
    defaultLanguage: input.defaultLanguage ?? 'en',
    playbook: input.playbook ?? starterPlaybook(input.name),
    ...(input.meetingType ? { meetingType: input.meetingType } : {}),
    ...(input.consent ? { consent: input.consent } : {}),
    ...(input.brandColour ? { brandColour: input.brandColour } : {}),
    ...(input.greeting ? { greeting: input.greeting } : {}),
    ...(input.avatarUrl ? { avatarUrl: input.avatarUrl } : {}),
    ...(input.retention ? { retention: input.retention } : {}),
  });
  if (await deps.sites.get(site.siteKey))
    throw conflict('Site exists', `A site with the key "${site.siteKey}" exists already.`);
  await deps.rulebooks.putLiveIfAbsent(site.siteKey, starterRulebook, deps.clock().toISOString());
  if (!(await deps.sites.putIfAbsent(site)))
    throw conflict('Site exists', `A site with the key "${site.siteKey}" exists already.`);
  return { site, scriptTag: widgetScriptTag(deps.publicUrl, site.siteKey) };
}
