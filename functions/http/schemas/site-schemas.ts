import { z } from '@hono/zod-openapi';
import { Site, SiteKey } from '../../core/conversation/site.js';

const Consent = Site.shape.consent.unwrap();

export const CreateSiteBody = z
  .object({
    siteKey: SiteKey,
    name: Site.shape.name,
    defaultLanguage: Site.shape.defaultLanguage.optional(),
    playbook: Site.shape.playbook.optional().openapi({ description: 'The starter playbook when left out.' }),
    meetingType: Site.shape.meetingType.unwrap().optional(),
    consent: Consent.optional(),
  })
  .strict()
  .openapi('CreateSiteRequest');

export const UpdateSiteBody = z
  .object({
    name: Site.shape.name.optional(),
    defaultLanguage: Site.shape.defaultLanguage.optional(),
    playbook: Site.shape.playbook.optional(),
    meetingType: Site.shape.meetingType.unwrap().optional(),
    consent: Consent.nullable().optional().openapi({ description: 'null removes the consent notice.' }),
  })
  .strict()
  .openapi('UpdateSiteRequest');

export const SiteResult = z
  .object({
    site: Site,
    scriptTag: z.string().openapi({ description: 'The widget script tag to paste into the site’s pages.' }),
  })
  .openapi('SiteResult');
