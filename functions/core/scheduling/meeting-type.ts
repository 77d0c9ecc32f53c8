import { z } from 'zod';
import { MeetingLocation } from './meeting-location.js';

export const MeetingType = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: z.string().min(1).max(100),
    durationMinutes: z.number().int().min(5).max(480),
    bufferBeforeMinutes: z.number().int().min(0).max(240).default(0),
    bufferAfterMinutes: z.number().int().min(0).max(240).default(0),
    minimumNoticeMinutes: z.number().int().min(0).max(20_160).default(60),
    bookingWindowDays: z.number().int().min(1).max(90).default(14),
    maxPerDay: z.number().int().min(1).max(50).default(8),
    /** Offered start times fall on this grid, counted from the start of each working period. */
    slotStepMinutes: z.number().int().min(5).max(240).default(30),
    /** Where meetings of this type happen unless the rep sets their own. */
    location: MeetingLocation.optional(),
  })
  .strict();
export type MeetingType = z.infer<typeof MeetingType>;

export { defaultMeetingType } from './default-meeting-type.js';
