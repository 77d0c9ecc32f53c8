import type { Meeting } from '../core/scheduling/meeting.js';

/** Renders a meeting as an iCalendar object: METHOD:REQUEST for a booking or an update, METHOD:CANCEL for a cancellation. */
export interface InvitationRenderer {
  render(
    meeting: Meeting,
    method: 'REQUEST' | 'CANCEL',
    organizer: { name: string; email: string },
    /** What this recipient's calendar shows: the visitor's copy holds their manage link, the rep's the lead. */
    details?: { description: string; location?: string },
  ): Promise<string>;
}
