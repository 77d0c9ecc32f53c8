import {
  composeMeetingMails,
  type LeadContext,
  type MeetingMailKind,
} from '../../core/scheduling/compose-meeting-mails.js';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';

export interface MeetingMailContext {
  /** The site's name and brand colour. */
  company: string;
  accent?: string | undefined;
  repTimeZone: string;
  /** The visitor's manage link (the token it holds never goes to the rep). */
  manageUrl: string;
  lead: LeadContext | null;
}

/** "Acme Analytics <baton@acme.example>": the company's name shown as the sender, on the configured address. */
export function senderNamed(company: string, mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `"${company.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

export const manageUrlOf = (publicUrl: string, meetingId: string, token: string) =>
  `${publicUrl}/manage/${meetingId}?token=${token}`;

/**
 * Mails a meeting change as two messages, each multipart text + HTML with its own iCalendar part (same UID
 * and SEQUENCE): the visitor's carries their manage link, the rep's the lead's context and no link.
 */
export async function mailMeetingChange(
  deps: Pick<Dependencies, 'mailer' | 'mailFrom' | 'invitations'>,
  meeting: Meeting,
  kind: MeetingMailKind,
  context: MeetingMailContext,
) {
  const mails = composeMeetingMails({
    kind,
    meeting,
    company: context.company,
    language: meeting.language ?? 'en',
    repTimeZone: context.repTimeZone,
    manageUrl: context.manageUrl,
    location: meeting.location ?? null,
    lead: context.lead,
    accent: context.accent,
  });
  const method = kind === 'canceled' ? 'CANCEL' : 'REQUEST';
  const from = senderNamed(context.company, deps.mailFrom);
  const organizer = { name: meeting.repName, email: meeting.repEmail };
  const location = meeting.location?.value;
  for (const [to, mail] of [
    [meeting.visitor.email, mails.visitor],
    [meeting.repEmail, mails.rep],
  ] as const) {
    await deps.mailer.send({
      from,
      to: [to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      calendar: {
        method,
        content: await deps.invitations.render(meeting, method, organizer, {
          description: mail.calendarDescription,
          ...(location ? { location } : {}),
        }),
      },
    });
  }
}
