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
    brandColour: Site.shape.brandColour,
    greeting: Site.shape.greeting,
    avatarUrl: Site.shape.avatarUrl,
    retention: Site.shape.retention.describe(
      'Days conversations (from their start) and visitor profiles (from their last signal) are kept; 395 each when absent.',
    ),
  })
  .strict()
  .openapi('CreateSiteRequest');

export const UpdateSiteBody = z
  .object({
    name: Site.shape.name.optional(),
    defaultLanguage: Site.shape.defaultLanguage.optional(),
    retention: Site.shape.retention.describe(
      'Days conversations and visitor profiles are kept; applies to what is written from now on.',
    ),
    playbook: Site.shape.playbook.optional(),
    meetingType: Site.shape.meetingType.unwrap().optional(),
    consent: Consent.nullable().optional().openapi({ description: 'null removes the consent notice.' }),
    brandColour: Site.shape.brandColour
      .unwrap()
      .nullable()
      .optional()
      .openapi({ description: "The widget's, manage page's and mails' colour; null for Baton's own." }),
    greeting: Site.shape.greeting
      .unwrap()
      .nullable()
      .optional()
      .openapi({ description: "The line under the site's name in the widget, per language; null removes it." }),
    avatarUrl: Site.shape.avatarUrl
      .unwrap()
      .nullable()
      .optional()
      .openapi({ description: "The picture beside the site's name in the widget; null removes it." }),
  })
  .strict()
  .openapi('UpdateSiteRequest');

export const SiteResult = z
  .object({
    site: Site,
    scriptTag: z.string().openapi({ description: 'The widget script tag to paste into the site’s pages.' }),
  })
  .openapi('SiteResult');
