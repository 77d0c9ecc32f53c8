import type { ResolvedLocation } from './meeting-location.js';

export interface Meeting {
  meetingId: string;
  siteKey: string;
  repId: string;
  repName: string;
  repEmail: string;
  conversationId: string | null;
  visitorId: string | null;
  visitor: { name: string; email: string; timeZone: string };
  meetingTypeId: string;
  start: string;
  end: string;
  /** The start minus the buffer before and the end plus the buffer after: the time it blocks. */
  blockedStart: string;
  blockedEnd: string;
  status: 'booked' | 'canceled' | 'no-show';
  /** iCalendar UID and SEQUENCE: updates and cancellations refer to the same event. */
  uid: string;
  sequence: number;
  manageTokenHash: string;
  /**
   * Hashes of the manage links re-issued in reminder mails (the newest few). A reminder cannot repeat
   * the invitation's link, whose token exists only as its hash, so it mails a fresh one.
   */
  reminderTokenHashes?: string[];
  manageTokenExpiresAt: string;
  poolId: string | null;
  /** Lock cells held for this meeting. */
  lockCells: string[];
  externalEvents: Array<{ source: string; eventId: string }>;
  createdAt: string;
  updatedAt: string;
  canceledReason: string | null;
  /** The visitor's language, for their mails (absent on meetings booked before it was kept). */
  language?: string;
  /** Where it happens: a fixed place or video room, or the video link the rep's calendar created. */
  location?: ResolvedLocation | null;
}

const MINUTE = 60_000;

/** The time a meeting in `slot` blocks (its buffers included) and the lock cells that guard it. */
export function blockedTimeOf(
  slot: { start: string; end: string },
  meetingType: { bufferBeforeMinutes: number; bufferAfterMinutes: number; slotStepMinutes: number },
) {
  const start = Date.parse(slot.start) - meetingType.bufferBeforeMinutes * MINUTE;
  const end = Date.parse(slot.end) + meetingType.bufferAfterMinutes * MINUTE;
  return {
    blockedStart: new Date(start).toISOString(),
    blockedEnd: new Date(end).toISOString(),
    cells: lockCellsFor(start, end, meetingType.slotStepMinutes),
    lockExpiresAt: Math.floor(end / 1000) + 86_400,
  };
}

/**
 * The lock cells that stand for a rep's places on one day (`day:2026-11-27:1` … `:maxPerDay`): a
 * booking takes one beside its time cells, so of bookings made at once no more than `maxPerDay` land on
 * a day. They sort after every time cell (ISO instants), which `timeCellsEnd` bounds.
 */
export const daySeatPrefix = (repDay: string) => `day:${repDay}:`;
export const timeCellsEnd = '9999';

/** The grid cells a blocked interval covers; one conditional lock item per cell stops overlapping bookings. */
function lockCellsFor(blockedStart: number, blockedEnd: number, stepMinutes: number): string[] {
  const step = stepMinutes * MINUTE;
  const cells: string[] = [];
  for (let cell = Math.floor(blockedStart / step) * step; cell < blockedEnd; cell += step)
    cells.push(new Date(cell).toISOString());
  return cells;
}
