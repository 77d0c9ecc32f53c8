import { domainEvent } from '../../core/events/domain-event.js';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { Principal } from '../../ports/token-verifier.js';
import { actsOnSite, mayActAs } from '../access/principal-access.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, DomainError, notFound } from '../errors.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';

/** The rep marks that the visitor did not come: the rep gets the round-robin turn back, as for a cancellation. */
export async function markNoShow(
  deps: Pick<Dependencies, 'meetings' | 'clock' | 'routingState'>,
  input: { meetingId: string; principal: Principal },
): Promise<{ meeting: MeetingView }> {
  const meeting = await deps.meetings.get(input.meetingId);
  if (!meeting || !actsOnSite(input.principal, meeting.siteKey))
    throw notFound('Unknown meeting', `No meeting has the id "${input.meetingId}".`);
  if (!mayActAs(input.principal, meeting.siteKey, ['sales']) && meeting.repId !== input.principal.repId)
    throw new DomainError('forbidden', 'Not your meeting', 'Only the rep of the meeting or sales can mark a no-show.');
  if (meeting.status !== 'booked') throw conflict('Not booked', `The meeting is ${meeting.status}.`);
  if (deps.clock().toISOString() < meeting.start)
    throw conflict('Not started', 'A meeting can be marked as a no-show once it has started.');
  const marked: Meeting = {
    ...meeting,
    status: 'no-show',
    sequence: meeting.sequence + 1,
    updatedAt: deps.clock().toISOString(),
  };
  const noShow = domainEvent(
    'MeetingNoShow',
    `meeting-no-show:${meeting.meetingId}`,
    meeting.siteKey,
    marked.updatedAt,
    {
      meetingId: meeting.meetingId,
      repId: meeting.repId,
      visitorId: meeting.visitorId,
    },
  );
  if (!(await deps.meetings.update(marked, [noShow])))
    throw conflict('Meeting changed', 'The meeting changed meanwhile; reload it.');
  if (meeting.poolId) await deps.routingState.creditTurn(meeting.siteKey, meeting.poolId, meeting.repId);
  return { meeting: viewOfMeeting(marked) };
}
