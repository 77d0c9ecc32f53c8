import { outOfOfficeAt, type Rep } from '../routing/rep.js';
import { workingIntervals, type Interval } from '../scheduling/find-open-slots.js';

/** What the rep says in the console; a rep who never said anything is away, so nobody is offered to an empty desk. */
export type PresenceSetting = 'available' | 'away';

export type PresenceReason =
  | 'available'
  | 'inactive'
  | 'set-away'
  | 'out-of-office'
  | 'outside-working-hours'
  | 'in-a-meeting';

export interface Presence {
  available: boolean;
  /** Why the rep is or is not available now: the first rule, in the order below, that says no. */
  reason: PresenceReason;
}

export interface PresenceInput {
  rep: Pick<Rep, 'active' | 'timeZone' | 'workingHours' | 'outOfOffice' | 'dateOverrides'>;
  setting: PresenceSetting | null;
  /** Busy time from Baton's meetings and the rep's calendars; calendar out-of-office joins `rep.outOfOffice`. */
  busy: readonly Interval[];
  now: Date;
}

/**
 * One availability model for chat, meetings and leads: the rep's own switch, out of office, working
 * hours (date overrides carry holidays) and calendar busy time, read the same way the slot engine reads them.
 */
export function derivePresence({ rep, setting, busy, now }: PresenceInput): Presence {
  const t = now.getTime();
  if (!rep.active) return { available: false, reason: 'inactive' };
  if (setting !== 'available') return { available: false, reason: 'set-away' };
  if (outOfOfficeAt(rep, now)) return { available: false, reason: 'out-of-office' };
  const working = workingIntervals(rep, t, t + 1).some((interval) => interval.start <= t && t < interval.end);
  if (!working) return { available: false, reason: 'outside-working-hours' };
  if (busy.some((interval) => interval.start <= t && t < interval.end))
    return { available: false, reason: 'in-a-meeting' };
  return { available: true, reason: 'available' };
}
