import { inZone } from '../../core/scheduling/find-open-slots.js';
import type { Dependencies } from '../dependencies.js';
import { meetingByManageToken } from './manage-token.js';
import { meetingTypeOf, type SlotsOfRepsDependencies, slotsOfReps } from './slots-of-reps.js';

/**
 * The times a meeting can move to (or, once canceled, be booked again at), read with its manage token:
 * the rep's own, or the pool's when the rep has none. The meeting's own time is not a move.
 */
export async function listMeetingSlots(
  deps: SlotsOfRepsDependencies & Pick<Dependencies, 'sites' | 'rulebooks'>,
  meetingId: string,
  token: string,
  timeZone: string,
) {
  const meeting = await meetingByManageToken(deps, meetingId, token, ['booked', 'canceled']);
  const meetingType = await meetingTypeOf(deps, meeting.siteKey);
  let result = await slotsOfReps(deps, meeting.siteKey, [meeting.repId], meetingType, meeting.meetingId);
  if (result.slots.length === 0 && meeting.poolId) {
    const pool = (await deps.rulebooks.getLive(meeting.siteKey))?.pools.find(
      (candidate) => candidate.id === meeting.poolId,
    );
    if (pool)
      result = await slotsOfReps(
        deps,
        meeting.siteKey,
        pool.members.map((member) => member.repId),
        meetingType,
        meeting.meetingId,
      );
  }
  const own = meeting.status === 'booked' ? meeting.start : null;
  return {
    timeZone,
    slots: result.slots.filter((slot) => slot.start !== own).map((slot) => inZone(slot, timeZone)),
  };
}
