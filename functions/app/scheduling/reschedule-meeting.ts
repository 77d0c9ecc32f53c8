import { domainEvent } from '../../core/events/domain-event.js';
import { inZone, repDayOf } from '../../core/scheduling/find-open-slots.js';
import { blockedTimeOf, daySeatPrefix, type Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { conflict } from '../errors.js';
import { mailMeetingChange, manageUrlOf } from './mail-invitation.js';
import { resolveLocation } from '../../core/scheduling/meeting-location.js';
import { defaultMeetingType } from '../../core/scheduling/default-meeting-type.js';
import { meetingByManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';
import { claimConversation } from './book-meeting.js';
import { scheduleReminders } from './meeting-reminders.js';
import { addToRepCalendars, removeFromRepCalendars } from './rep-calendar-events.js';
import { SlotTakenError } from './slot-taken-error.js';
import { freshSlots } from './fresh-slots.js';
import { slotsOfReps } from './slots-of-reps.js';

/**
 * Moves the meeting; the same rep keeps it unless they have no open time in the window, then the pool's
 * next rep. A canceled meeting is booked again this way (its manage page offers that), as long as its
 * conversation holds no other active meeting.
 */
export async function rescheduleMeeting(
  deps: Dependencies,
  input: { meetingId: string; token: string; start: string },
): Promise<{ meeting: MeetingView }> {
  const meeting = await meetingByManageToken(deps, input.meetingId, input.token, ['booked', 'canceled']);
  const rebooking = meeting.status === 'canceled';
  // The conversation a booked-again meeting claims back (a meeting booked without one claims nothing).
  const claimed = rebooking ? meeting.conversationId : null;
  const site = await deps.sites.get(meeting.siteKey);
  const meetingType = site?.meetingType ?? defaultMeetingType;
  const start = new Date(input.start).toISOString();
  let candidates = [meeting.repId];
  const own = await slotsOfReps(deps, meeting.siteKey, candidates, meetingType, meeting.meetingId);
  if (own.slots.length === 0 && meeting.poolId) {
    const pool = (await deps.rulebooks.getLive(meeting.siteKey))?.pools.find(
      (candidate) => candidate.id === meeting.poolId,
    );
    candidates = pool?.members.map((member) => member.repId) ?? candidates;
  }
  const { reps, slots } =
    candidates.length === 1
      ? own
      : await slotsOfReps(deps, meeting.siteKey, candidates, meetingType, meeting.meetingId);
  const slot = slots.find((candidate) => candidate.start === start);
  if (!slot) throw new SlotTakenError(slots.map((candidate) => inZone(candidate, meeting.visitor.timeZone)));
  const rep = reps.get(slot.repId)!;

  const { blockedStart, blockedEnd, cells: timeCells, lockExpiresAt } = blockedTimeOf(slot, meetingType);
  // A canceled meeting let its locks go: it takes every cell again.
  const sameRep = rep.repId === meeting.repId && !rebooking;
  const newTimeCells = sameRep ? timeCells.filter((cell) => !meeting.lockCells.includes(cell)) : timeCells;
  const fresh = async () =>
    new SlotTakenError(
      await freshSlots(deps, meeting.siteKey, candidates, meetingType, meeting.visitor.timeZone, meeting.meetingId),
    );
  if (claimed) await claimConversation(deps, claimed, meeting.meetingId, deps.clock());
  if (!(await deps.meetings.acquireLocks(meeting.siteKey, rep.repId, newTimeCells, meeting.meetingId, lockExpiresAt))) {
    if (claimed) await deps.meetings.releaseConversation(claimed, meeting.meetingId);
    throw await fresh();
  }
  // Moved within the same rep's day, the meeting keeps its place of that day; otherwise it takes one.
  const prefix = daySeatPrefix(repDayOf(Date.parse(slot.start), rep.timeZone));
  const keptSeat = sameRep ? meeting.lockCells.find((cell) => cell.startsWith(prefix)) : undefined;
  const seat =
    keptSeat ??
    (await deps.meetings.takeDaySeat(
      meeting.siteKey,
      rep.repId,
      prefix,
      meetingType.maxPerDay,
      meeting.meetingId,
      lockExpiresAt,
    ));
  if (!seat) {
    await deps.meetings.releaseLocks(meeting.siteKey, rep.repId, newTimeCells, meeting.meetingId);
    if (claimed) await deps.meetings.releaseConversation(claimed, meeting.meetingId);
    throw await fresh();
  }
  const cells = [...timeCells, seat];
  const newCells = keptSeat ? newTimeCells : [...newTimeCells, seat];
  const moved: Meeting = {
    ...meeting,
    repId: rep.repId,
    repName: rep.name,
    repEmail: rep.email,
    start: slot.start,
    end: slot.end,
    blockedStart,
    blockedEnd,
    sequence: meeting.sequence + 1,
    manageTokenExpiresAt: slot.end,
    lockCells: cells,
    updatedAt: deps.clock().toISOString(),
    status: 'booked',
    canceledReason: null,
    // A calendar video link belongs to the old calendar event; the new event brings its own.
    location: resolveLocation(rep.location ?? meetingType.location, null),
  };
  const movedEvent = rebooking
    ? domainEvent(
        'MeetingBooked',
        `meeting-booked:${moved.meetingId}:${moved.sequence}`,
        moved.siteKey,
        moved.updatedAt,
        {
          meetingId: moved.meetingId,
          conversationId: moved.conversationId,
          visitorId: moved.visitorId,
          repId: moved.repId,
          start: moved.start,
          end: moved.end,
          visitorEmail: moved.visitor.email,
          visitorName: moved.visitor.name,
        },
      )
    : domainEvent(
        'MeetingRescheduled',
        `meeting-rescheduled:${moved.meetingId}:${moved.sequence}`,
        moved.siteKey,
        moved.updatedAt,
        {
          meetingId: moved.meetingId,
          repId: moved.repId,
          start: moved.start,
          end: moved.end,
          sequence: moved.sequence,
        },
      );
  if (!(await deps.meetings.update(moved, [movedEvent]))) {
    await deps.meetings.releaseLocks(meeting.siteKey, rep.repId, newCells, meeting.meetingId);
    if (claimed) await deps.meetings.releaseConversation(claimed, meeting.meetingId);
    throw conflict('Meeting changed', 'The meeting changed meanwhile; reload it.');
  }
  // The reminders move with the meeting (same timer ids), or come back with a meeting booked again.
  await scheduleReminders(deps, moved);
  if (!rebooking) {
    await deps.meetings.releaseLocks(
      meeting.siteKey,
      meeting.repId,
      sameRep ? meeting.lockCells.filter((cell) => !cells.includes(cell)) : meeting.lockCells,
      meeting.meetingId,
    );
    const oldRep = (await deps.reps.get(meeting.siteKey, meeting.repId)) ?? rep;
    await removeFromRepCalendars(deps, oldRep, meeting);
  }
  const configured = rep.location ?? meetingType.location;
  const { videoUrl } = await addToRepCalendars(deps, rep, moved, { video: configured?.type === 'calendar-video' });
  await mailMeetingChange(
    deps,
    videoUrl ? { ...moved, location: resolveLocation(configured, videoUrl) } : moved,
    rebooking ? 'booked' : 'updated',
    {
      company: site?.name ?? meeting.siteKey,
      accent: site?.brandColour,
      repTimeZone: rep.timeZone,
      manageUrl: manageUrlOf(deps.publicUrl, meeting.meetingId, input.token),
      lead: null,
    },
  );
  return { meeting: viewOfMeeting(moved) };
}
