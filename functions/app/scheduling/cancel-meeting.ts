import { DateTime } from 'luxon';
import { domainEvent } from '../../core/events/domain-event.js';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { conflict } from '../errors.js';
import { mailMeetingChange, manageUrlOf } from './mail-invitation.js';
import { meetingByManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';
import { cancelReminders } from './meeting-reminders.js';
import { removeFromRepCalendars } from './rep-calendar-events.js';

/** Cancels with the manage link: frees the time, mails the cancellation and gives the rep's turn back. */
export async function cancelMeeting(
  deps: Pick<
    Dependencies,
    | 'meetings'
    | 'clock'
    | 'reps'
    | 'sites'
    | 'calendars'
    | 'logger'
    | 'routingState'
    | 'mailer'
    | 'mailFrom'
    | 'invitations'
    | 'publicUrl'
    | 'timers'
  >,
  input: { meetingId: string; token: string; reason?: string | undefined },
): Promise<{ meeting: MeetingView }> {
  const meeting = await meetingByManageToken(deps, input.meetingId, input.token);
  const canceled: Meeting = {
    ...meeting,
    status: 'canceled',
    sequence: meeting.sequence + 1,
    canceledReason: input.reason ?? null,
    updatedAt: deps.clock().toISOString(),
  };
  const canceledEvent = domainEvent(
    'MeetingCanceled',
    `meeting-canceled:${meeting.meetingId}`,
    meeting.siteKey,
    canceled.updatedAt,
    { meetingId: meeting.meetingId, repId: meeting.repId, reason: canceled.canceledReason },
  );
  if (!(await deps.meetings.update(canceled, [canceledEvent])))
    throw conflict('Meeting changed', 'The meeting changed meanwhile; reload it.');
  await deps.meetings.releaseLocks(meeting.siteKey, meeting.repId, meeting.lockCells, meeting.meetingId);
  await cancelReminders(deps, meeting.meetingId);
  const rep = await deps.reps.get(meeting.siteKey, meeting.repId);
  if (rep) await removeFromRepCalendars(deps, rep, meeting);
  // A canceled meeting gives the rep's round-robin turn and the day's assignment back.
  if (meeting.poolId) await deps.routingState.creditTurn(meeting.siteKey, meeting.poolId, meeting.repId);
  const day = DateTime.fromISO(meeting.createdAt, { zone: rep?.timeZone ?? 'UTC' }).toISODate()!;
  await deps.routingState.releaseAssignment(meeting.siteKey, meeting.repId, day);
  const site = await deps.sites.get(meeting.siteKey);
  // The manage link of a canceled meeting opens the page that offers to book again.
  await mailMeetingChange(deps, canceled, 'canceled', {
    company: site?.name ?? meeting.siteKey,
    accent: site?.brandColour,
    repTimeZone: rep?.timeZone ?? meeting.visitor.timeZone,
    manageUrl: manageUrlOf(deps.publicUrl, meeting.meetingId, input.token),
    lead: null,
  });
  return { meeting: viewOfMeeting(canceled) };
}
