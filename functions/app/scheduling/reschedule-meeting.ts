import { domainEvent } from '../../core/events/domain-event.js';
import { inZone } from '../../core/scheduling/find-open-slots.js';
import { blockedTimeOf, type Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { conflict } from '../errors.js';
import { mailMeetingChange, manageUrlOf } from './mail-invitation.js';
import { resolveLocation } from '../../core/scheduling/meeting-location.js';
import { defaultMeetingType } from '../../core/scheduling/meeting-type.js';
import { meetingByManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';
import { addToRepCalendars, removeFromRepCalendars } from './rep-calendar-events.js';
import { SlotTakenError } from './slot-taken-error.js';
import { slotsOfReps } from './slots-of-reps.js';

/** Moves the meeting; the same rep keeps it unless they have no open time in the window, then the pool's next rep. */
export async function rescheduleMeeting(
  deps: Dependencies,
  input: { meetingId: string; token: string; start: string },
): Promise<{ meeting: MeetingView }> {
  const meeting = await meetingByManageToken(deps, input.meetingId, input.token);
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

  const { blockedStart, blockedEnd, cells, lockExpiresAt } = blockedTimeOf(slot, meetingType);
  const sameRep = rep.repId === meeting.repId;
  const newCells = sameRep ? cells.filter((cell) => !meeting.lockCells.includes(cell)) : cells;
  if (!(await deps.meetings.acquireLocks(meeting.siteKey, rep.repId, newCells, meeting.meetingId, lockExpiresAt))) {
    throw new SlotTakenError(
      slots
        .filter((candidate) => candidate.start !== start)
        .map((candidate) => inZone(candidate, meeting.visitor.timeZone)),
    );
  }
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
    // A calendar video link belongs to the old calendar event; the new event brings its own.
    location: resolveLocation(rep.location ?? meetingType.location, null),
  };
  const movedEvent = domainEvent(
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
    throw conflict('Meeting changed', 'The meeting changed meanwhile; reload it.');
  }
  await deps.meetings.releaseLocks(
    meeting.siteKey,
    meeting.repId,
    sameRep ? meeting.lockCells.filter((cell) => !cells.includes(cell)) : meeting.lockCells,
    meeting.meetingId,
  );
  const oldRep = (await deps.reps.get(meeting.siteKey, meeting.repId)) ?? rep;
  await removeFromRepCalendars(deps, oldRep, meeting);
  const configured = rep.location ?? meetingType.location;
  const { videoUrl } = await addToRepCalendars(deps, rep, moved, { video: configured?.type === 'calendar-video' });
  await mailMeetingChange(
    deps,
    videoUrl ? { ...moved, location: resolveLocation(configured, videoUrl) } : moved,
    'updated',
    {
      company: site?.name ?? meeting.siteKey,
      repTimeZone: rep.timeZone,
      manageUrl: manageUrlOf(deps.publicUrl, meeting.meetingId, input.token),
      lead: null,
    },
  );
  return { meeting: viewOfMeeting(moved) };
}
