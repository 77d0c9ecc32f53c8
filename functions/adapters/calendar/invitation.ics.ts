import type { DateArray } from 'ics';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { InvitationRenderer } from '../../ports/invitations.js';

const utcArray = (iso: string): DateArray => {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
};

/** iCalendar invitations built with the `ics` package; times in UTC, one UID per meeting, SEQUENCE raised on every change. */
export class IcsInvitationRenderer implements InvitationRenderer {
  async render(
    meeting: Meeting,
    method: 'REQUEST' | 'CANCEL',
    organizer: { name: string; email: string },
    details?: { description: string; location?: string },
  ): Promise<string> {
    // Loaded on the first invitation, not with the function (cold-start time).
    const { createEvent } = await import('ics');
    const { error, value } = createEvent({
      productId: 'baton/scheduling',
      method,
      uid: meeting.uid,
      sequence: meeting.sequence,
      status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
      start: utcArray(meeting.start),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: utcArray(meeting.end),
      endInputType: 'utc',
      endOutputType: 'utc',
      title: `${meeting.repName} and ${meeting.visitor.name}`,
      description:
        details?.description ??
        'Booked through Baton. To reschedule or cancel, use the link in your confirmation email.',
      ...(details?.location ? { location: details.location } : {}),
      organizer: { name: organizer.name, email: organizer.email },
      attendees: [
        {
          name: meeting.visitor.name,
          email: meeting.visitor.email,
          rsvp: true,
          role: 'REQ-PARTICIPANT',
          partstat: 'NEEDS-ACTION',
        },
        { name: meeting.repName, email: meeting.repEmail, rsvp: false, role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED' },
      ],
    });
    if (error || !value) throw error ?? new Error('the invitation could not be rendered');
    return value;
  }
}
