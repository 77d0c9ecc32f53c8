import { domainEvent } from '../../core/events/domain-event.js';
import { inZone, toSlot } from '../../core/scheduling/find-open-slots.js';
import { blockedTimeOf, type Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, notFound } from '../errors.js';
import { recordVisitorSignal } from '../record-visitor-signal.js';
import { conversationRoute } from './conversation-route.js';
import { mailInvitation } from './mail-invitation.js';
import { hashManageToken, newManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';
import { addToRepCalendars } from './rep-calendar-events.js';
import { repSlots } from './rep-slots.js';
import { SlotTakenError } from './slot-taken-error.js';
import { meetingTypeOf, slotsOfReps } from './slots-of-reps.js';

export interface BookInput {
  conversationId: string;
  start: string;
  repId?: string | undefined;
  visitor: { name: string; email: string; timeZone: string };
}

/**
 * Books a slot: the same slot computation as the listing re-checks the time, then one lock item per
 * grid cell the meeting blocks is taken with a conditional write, so of many concurrent bookings of
 * one slot exactly one wins; the others get 409 with fresh slots.
 */
export async function bookMeeting(
  deps: Dependencies,
  input: BookInput,
): Promise<{ meeting: MeetingView; manageUrl: string }> {
  const { conversation, outcome, bookable } = await conversationRoute(deps, input.conversationId);
  const siteKey = conversation.siteKey;
  const meetingType = await meetingTypeOf(deps, siteKey);
  const repId = input.repId ?? outcome.repId;
  if (!bookable.includes(repId)) throw conflict('Not your rep', `This conversation cannot book with "${repId}".`);
  const start = new Date(input.start).toISOString();

  const fresh = async () =>
    (await slotsOfReps(deps, siteKey, bookable, meetingType)).slots.map((slot) => inZone(slot, input.visitor.timeZone));
  const rep = await deps.reps.get(siteKey, repId);
  if (!rep) throw notFound('Unknown rep', `No rep "${repId}".`);
  const { slots } = await repSlots(deps, siteKey, rep, meetingType);
  const time = slots.find((candidate) => candidate.start === Date.parse(start));
  if (!time) throw new SlotTakenError(await fresh());
  const slot = toSlot(time);

  const now = deps.clock();
  const meetingId = deps.newId();
  const { blockedStart, blockedEnd, cells, lockExpiresAt } = blockedTimeOf(slot, meetingType);
  if (!(await deps.meetings.acquireLocks(siteKey, repId, cells, meetingId, lockExpiresAt)))
    throw new SlotTakenError(await fresh());

  const token = newManageToken();
  const meeting: Meeting = {
    meetingId,
    siteKey,
    repId,
    repName: rep.name,
    repEmail: rep.email,
    conversationId: conversation.id,
    visitorId: conversation.visitorId,
    visitor: input.visitor,
    meetingTypeId: meetingType.id,
    start: slot.start,
    end: slot.end,
    blockedStart,
    blockedEnd,
    status: 'booked',
    uid: `${meetingId}@baton`,
    sequence: 0,
    manageTokenHash: hashManageToken(token),
    manageTokenExpiresAt: slot.end,
    poolId: outcome.poolId,
    lockCells: cells,
    externalEvents: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    canceledReason: null,
  };
  await deps.meetings.put(meeting, [
    domainEvent('MeetingBooked', `meeting-booked:${meetingId}`, siteKey, meeting.createdAt, {
      meetingId,
      conversationId: meeting.conversationId,
      visitorId: meeting.visitorId,
      repId,
      start: meeting.start,
      end: meeting.end,
      visitorEmail: meeting.visitor.email,
      visitorName: meeting.visitor.name,
    }),
  ]);
  await addToRepCalendars(deps, rep, meeting);
  const manageUrl = `${deps.publicUrl}/manage/${meetingId}?token=${token}`;
  await mailInvitation(deps, meeting, 'REQUEST', `Your meeting with ${rep.name}`, manageUrl);
  if (conversation.visitorId) {
    await recordVisitorSignal(deps, {
      siteKey,
      visitorId: conversation.visitorId,
      signal: { type: 'content', behaviour: 'demo-request' },
    }).catch((error: unknown) =>
      deps.logger.warn('booking not scored', { meetingId, error: (error as Error).message }),
    );
  }
  return { meeting: viewOfMeeting(meeting), manageUrl };
}
