import type { Meeting } from '../core/scheduling/meeting.js';

/** Renders a meeting as an iCalendar object: METHOD:REQUEST for a booking or an update, METHOD:CANCEL for a cancellation. */
export interface InvitationRenderer {
  render(meeting: Meeting, method: 'REQUEST' | 'CANCEL', organizer: { name: string; email: string }): Promise<string>;
}
