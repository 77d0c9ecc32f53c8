import { z } from 'zod';
import { LocalizedText, Playbook } from '../playbooks/playbook.js';
import { HolidayCalendarRef } from '../scheduling/holiday-calendar.js';
import { defaultMeetingType, MeetingType } from '../scheduling/meeting-type.js';

export const SiteKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'lower-case letters, digits and dashes, 3 to 63 characters');

export const Site = z.object({
  siteKey: SiteKey,
  name: z.string().min(1).max(200),
  defaultLanguage: z.string().min(2).max(35),
  playbook: Playbook,
  meetingType: MeetingType.default(defaultMeetingType),
  /** Public holidays no rep of the site is offered on, unless the rep has a calendar of their own. */
  holidays: HolidayCalendarRef.optional(),
  /** A notice the visitor accepts before the first message, where the site's law asks for one (chat recording). */
  consent: z
    .object({ required: z.boolean(), version: z.string().min(1).max(40), text: LocalizedText })
    .strict()
    .optional(),
});
export type Site = z.infer<typeof Site>;
