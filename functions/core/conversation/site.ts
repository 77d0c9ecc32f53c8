import { z } from 'zod';
import { LocalizedText, Playbook } from '../playbooks/playbook.js';
import { HolidayCalendarRef } from '../scheduling/holiday-calendar.js';
import { defaultMeetingType } from '../scheduling/default-meeting-type.js';
import { MeetingType } from '../scheduling/meeting-type.js';
import { pictureUrl } from '../validation/web-url.js';

export const SiteKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'lower-case letters, digits and dashes, 3 to 63 characters');

/** WCAG contrast of a colour against white: the widget writes white on it and it on white. */
const contrastWithWhite = (hex: string) => {
  const channel = (at: number) => {
    const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
};

/** The site's colour in the widget, its manage page and mails; readable as text on white and under white text. */
export const BrandColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #RRGGBB')
  .refine((hex) => contrastWithWhite(hex) >= 4.5, 'too light: white text on it needs a contrast of at least 4.5:1');

export const Site = z.object({
  siteKey: SiteKey,
  name: z.string().min(1).max(200),
  defaultLanguage: z.string().min(2).max(35),
  playbook: Playbook,
  meetingType: MeetingType.default(defaultMeetingType),
  /** Public holidays no rep of the site is offered on, unless the rep has a calendar of their own. */
  holidays: HolidayCalendarRef.optional(),
  brandColour: BrandColour.optional(),
  /** The line under the site's name in the widget's header ("We usually answer in minutes"), per language. */
  greeting: LocalizedText.optional(),
  /** The picture beside the site's name in the widget's header. */
  avatarUrl: pictureUrl().optional(),
  /** A notice the visitor accepts before the first message, where the site's law asks for one (chat recording). */
  consent: z
    .object({ required: z.boolean(), version: z.string().min(1).max(40), text: LocalizedText })
    .strict()
    .optional(),
  /** Days conversations (from their start) and visitor profiles (from their last signal) are kept; 395 each when absent. */
  retention: z
    .object({
      conversationDays: z.number().int().min(1).max(3650).optional(),
      visitorDays: z.number().int().min(1).max(3650).optional(),
    })
    .strict()
    .optional(),
});
export type Site = z.infer<typeof Site>;
