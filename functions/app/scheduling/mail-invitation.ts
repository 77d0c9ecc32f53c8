import { DateTime } from 'luxon';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { viewOfMeeting } from './meeting-view.js';

/** Mails the iCalendar invitation (or its cancellation) for a meeting to the visitor and the rep. */
export async function mailInvitation(
  deps: Pick<Dependencies, 'mailer' | 'mailFrom' | 'invitations'>,
  meeting: Meeting,
  method: 'REQUEST' | 'CANCEL',
  subject: string,
  manageUrl: string | null,
) {
  const local = viewOfMeeting(meeting);
  const when = DateTime.fromISO(local.localStart, { setZone: true }).toFormat("cccc d LLLL yyyy, HH:mm '('ZZZZ')'");
  const minutes = DateTime.fromISO(meeting.end).diff(DateTime.fromISO(meeting.start), 'minutes').minutes;
  const text = [
    method === 'CANCEL'
      ? `The meeting on ${when} with ${meeting.repName} is canceled.`
      : `Meeting with ${meeting.repName} on ${when}, ${minutes} minutes.`,
    ...(manageUrl ? ['', `Reschedule or cancel: ${manageUrl}`] : []),
  ].join('\n');
  await deps.mailer.send({
    from: deps.mailFrom,
    to: [meeting.visitor.email, meeting.repEmail],
    subject,
    text,
    calendar: {
      method,
      content: await deps.invitations.render(meeting, method, { name: meeting.repName, email: meeting.repEmail }),
    },
  });
}
