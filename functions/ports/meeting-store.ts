import type { DomainEvent } from '../core/events/domain-event.js';
import type { Meeting } from '../core/scheduling/meeting.js';

export interface MeetingStore {
  /** Takes every lock cell or none; false when another booking holds one of them. */
  acquireLocks(
    siteKey: string,
    repId: string,
    cells: readonly string[],
    meetingId: string,
    expiresAt: number,
  ): Promise<boolean>;
  releaseLocks(siteKey: string, repId: string, cells: readonly string[], meetingId: string): Promise<void>;
  /**
   * Takes one of the `max` day places whose cells start with `prefix` (see daySeatPrefix) for the meeting,
   * read strongly consistent and each taken with a conditional write; the cell taken, or null when every
   * place of the day is held.
   */
  takeDaySeat(
    siteKey: string,
    repId: string,
    prefix: string,
    max: number,
    meetingId: string,
    expiresAt: number,
  ): Promise<string | null>;
  /**
   * The rep's lock cells held at `now` (from a day before it on), each with the meeting holding it, read
   * strongly consistent: unlike the meeting index, it knows a time the moment its booking wins it.
   */
  heldLocks(siteKey: string, repId: string, now: Date): Promise<ReadonlyMap<string, string>>;
  /** The meeting that holds the conversation's one booking, if any (it may since have been canceled). */
  conversationMeeting(conversationId: string): Promise<string | null>;
  /**
   * Makes the meeting the conversation's one booking if the holder is still `replacing` (null: none);
   * false when another booking got there first.
   */
  claimConversation(conversationId: string, meetingId: string, replacing: string | null): Promise<boolean>;
  /** Gives the conversation's booking back, if the meeting still holds it. */
  releaseConversation(conversationId: string, meetingId: string): Promise<void>;
  put(meeting: Meeting, events?: readonly DomainEvent[]): Promise<void>;
  /** Writes the meeting if its stored sequence is `meeting.sequence - 1`; false otherwise. */
  update(meeting: Meeting, events?: readonly DomainEvent[]): Promise<boolean>;
  get(meetingId: string): Promise<Meeting | null>;
  /** The rep's booked meetings overlapping [from, to). */
  listForRep(siteKey: string, repId: string, from: string, to: string): Promise<Meeting[]>;
  /** Every meeting of the rep (booked, canceled, no-show) starting in [from, to), by start. */
  listAllForRep(siteKey: string, repId: string, from: string, to: string): Promise<Meeting[]>;
  /** Records the events created in the rep's own calendars, and the video link one of them created. */
  setExternalEvents(
    meetingId: string,
    events: Meeting['externalEvents'],
    location?: NonNullable<Meeting['location']>,
  ): Promise<void>;
}
