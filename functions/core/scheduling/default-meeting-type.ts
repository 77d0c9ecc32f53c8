import type { MeetingType } from './meeting-type.js';

/**
 * A site without its own meeting type books this one. Apart from the schema so that the slot engine's
 * wiring, which every function builds at its start, reads no zod schema for it.
 */
export const defaultMeetingType: MeetingType = {
  id: 'intro',
  name: 'Introductory call',
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 120,
  bookingWindowDays: 14,
  maxPerDay: 6,
  slotStepMinutes: 30,
};
