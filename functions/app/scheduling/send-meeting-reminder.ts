import { composeMeetingMails } from '../../core/scheduling/compose-meeting-mails.js';
import type { ScheduledTimer } from '../../ports/timers.js';
import type { Dependencies } from '../dependencies.js';
import { manageUrlOf, senderNamed } from './mail-invitation.js';
import { hashManageToken, newManageToken } from './manage-token.js';

/** Reminder links kept working at once: the 24 h and the 1 h one, with room for a moved meeting's. */
const KEPT_REMINDER_LINKS = 4;

/**
 * Mails the visitor (with a working manage link) and the rep (without one) that the meeting is near.
 * The invitation's token is stored only as its hash, so the reminder carries a fresh token whose hash
 * is added to the meeting; the invitation's link keeps working too. A reminder for a meeting that was
 * canceled or moved since it was set does nothing.
 */
export async function sendMeetingReminder(
  deps: Pick<Dependencies, 'meetings' | 'clock' | 'reps' | 'sites' | 'mailer' | 'mailFrom' | 'publicUrl'>,
  timer: ScheduledTimer,
): Promise<string> {
  const meeting = await deps.meetings.get(String(timer.payload.meetingId));
  if (meeting?.status !== 'booked' || meeting.start !== timer.payload.start) return 'stale reminder';
  const kind = timer.payload.reminder === '24h' ? 'reminder-24h' : 'reminder-1h';
  const token = newManageToken();
  const reissued = {
    ...meeting,
    sequence: meeting.sequence + 1,
    reminderTokenHashes: [hashManageToken(token), ...(meeting.reminderTokenHashes ?? [])].slice(0, KEPT_REMINDER_LINKS),
    updatedAt: deps.clock().toISOString(),
  };
  // A meeting changed meanwhile fails this write; the scheduler tries again and the check above decides.
  if (!(await deps.meetings.update(reissued))) throw new Error(`meeting ${meeting.meetingId} changed meanwhile`);
  const [site, rep] = await Promise.all([
    deps.sites.get(meeting.siteKey),
    deps.reps.get(meeting.siteKey, meeting.repId),
  ]);
  const company = site?.name ?? meeting.siteKey;
  const mails = composeMeetingMails({
    kind,
    meeting: reissued,
    company,
    language: meeting.language ?? 'en',
    repTimeZone: rep?.timeZone ?? meeting.visitor.timeZone,
    manageUrl: manageUrlOf(deps.publicUrl, meeting.meetingId, token),
    location: meeting.location ?? null,
    lead: null,
    accent: site?.brandColour,
  });
  const from = senderNamed(company, deps.mailFrom);
  // No calendar part: the event in both calendars is unchanged.
  for (const [to, mail] of [
    [meeting.visitor.email, mails.visitor],
    [meeting.repEmail, mails.rep],
  ] as const)
    await deps.mailer.send({ from, to: [to], subject: mail.subject, text: mail.text, html: mail.html });
  return `${kind} sent`;
}
