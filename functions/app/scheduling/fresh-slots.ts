import { inZone } from '../../core/scheduling/find-open-slots.js';
import { blockedTimeOf } from '../../core/scheduling/meeting.js';
import type { MeetingType } from '../../core/scheduling/meeting-type.js';
import { type SlotsOfRepsDependencies, slotsOfReps } from './slots-of-reps.js';

/**
 * The slots a 409 offers instead of the time that was just taken. The listing reads meetings through an
 * index that DynamoDB keeps eventually consistent, and the winner may not even have written its meeting
 * yet; its lock cells are written first and can be read strongly consistent, so they decide: a slot any
 * of whose cells another meeting holds is not offered.
 */
export async function freshSlots(
  deps: SlotsOfRepsDependencies,
  siteKey: string,
  repIds: readonly string[],
  meetingType: MeetingType,
  timeZone: string,
  /** A meeting being moved may keep its own cells. */
  ignoreMeetingId?: string,
) {
  const { slots } = await slotsOfReps(deps, siteKey, repIds, meetingType, ignoreMeetingId);
  const now = deps.clock();
  const offered = [...new Set(slots.map((slot) => slot.repId))];
  const held = new Map(
    await Promise.all(
      offered.map(async (repId) => [repId, await deps.meetings.heldLocks(siteKey, repId, now)] as const),
    ),
  );
  return slots
    .filter((slot) =>
      blockedTimeOf(slot, meetingType).cells.every((cell) => {
        const holder = held.get(slot.repId)?.get(cell);
        return holder === undefined || holder === ignoreMeetingId;
      }),
    )
    .map((slot) => inZone(slot, timeZone));
}
