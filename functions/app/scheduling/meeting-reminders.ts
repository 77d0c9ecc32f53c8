import type { Meeting } from '../../core/scheduling/meeting.js';
import type { ScheduledTimer } from '../../ports/timers.js';
import type { Dependencies } from '../dependencies.js';

const HOUR = 3_600_000;

/** The two reminders a booked meeting gets, by how long before its start they go out. */
export const REMINDERS = [
  { name: '24h', before: 24 * HOUR },
  { name: '1h', before: HOUR },
] as const;
export type ReminderName = (typeof REMINDERS)[number]['name'];

/** One timer id per meeting and reminder: scheduling it again (a moved meeting) moves the timer. */
export const reminderTimerId = (meetingId: string, name: ReminderName) => `reminder-${name}-${meetingId.toLowerCase()}`;

/**
 * Schedules the meeting's reminders on the persisted timers (the same scheduler as SLA deadlines), each
 * naming the start it was set for, so a reminder of a meeting moved or canceled meanwhile does nothing.
 * A reminder whose time has passed (a meeting booked 3 hours ahead has no 24 h reminder) is not scheduled.
 */
export async function scheduleReminders(deps: Pick<Dependencies, 'timers' | 'clock'>, meeting: Meeting): Promise<void> {
  const now = deps.clock().getTime();
  for (const reminder of REMINDERS) {
    const due = Date.parse(meeting.start) - reminder.before;
    const timer: ScheduledTimer = {
      id: reminderTimerId(meeting.meetingId, reminder.name),
      siteKey: meeting.siteKey,
      dueAt: new Date(due).toISOString(),
      kind: 'reminder',
      payload: { meetingId: meeting.meetingId, start: meeting.start, reminder: reminder.name },
    };
    if (due > now) await deps.timers.schedule(timer);
    else await deps.timers.cancel(timer.id);
  }
}

/** A canceled meeting sends no reminder. */
export async function cancelReminders(deps: Pick<Dependencies, 'timers'>, meetingId: string): Promise<void> {
  for (const reminder of REMINDERS) await deps.timers.cancel(reminderTimerId(meetingId, reminder.name));
}
