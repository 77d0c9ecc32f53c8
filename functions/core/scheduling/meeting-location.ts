import { z } from 'zod';

const WebUrl = z
  .string()
  .url()
  .max(500)
  .refine((url) => /^https?:\/\//i.test(url), 'an http(s) address');

/**
 * Where a meeting happens, set per rep or per meeting type (the rep's wins): a fixed video room, a place,
 * a phone number, or the Google Meet or Teams link the rep's connected calendar creates with the event.
 */
export const MeetingLocation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('video-url'), url: WebUrl }).strict(),
  z.object({ type: z.literal('place'), address: z.string().min(1).max(300) }).strict(),
  z.object({ type: z.literal('phone'), number: z.string().regex(/^\+?[0-9 ()./-]{3,40}$/, 'a phone number') }).strict(),
  z.object({ type: z.literal('calendar-video') }).strict(),
]);
export type MeetingLocation = z.infer<typeof MeetingLocation>;

/** The location as the invitation states it. */
export interface ResolvedLocation {
  kind: 'video' | 'place' | 'phone';
  value: string;
}

/** The configured location made concrete; a calendar video link only when the calendar returned one. */
export function resolveLocation(
  configured: MeetingLocation | undefined,
  calendarVideoUrl: string | null,
): ResolvedLocation | null {
  if (!configured) return null;
  switch (configured.type) {
    case 'video-url':
      return { kind: 'video', value: configured.url };
    case 'place':
      return { kind: 'place', value: configured.address };
    case 'phone':
      return { kind: 'phone', value: configured.number };
    case 'calendar-video':
      return calendarVideoUrl ? { kind: 'video', value: calendarVideoUrl } : null;
  }
}
