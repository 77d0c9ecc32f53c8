import type { Rep } from '../../core/routing/rep.js';
import { PoolSlots } from '../../core/scheduling/find-open-slots.js';
import { defaultMeetingType, type MeetingType } from '../../core/scheduling/meeting-type.js';
import type { Dependencies } from '../dependencies.js';
import { repSlotInput, type SlotDependencies } from './rep-slots.js';

export type SlotsOfRepsDependencies = SlotDependencies & Pick<Dependencies, 'reps'>;

export async function meetingTypeOf(deps: Pick<Dependencies, 'sites'>, siteKey: string): Promise<MeetingType> {
  return (await deps.sites.get(siteKey))?.meetingType ?? defaultMeetingType;
}

/**
 * The open times of several reps merged in the given order (each time with the first rep who has it). A rep
 * named twice keeps its first place.
 */
export async function poolOfReps(
  deps: SlotsOfRepsDependencies,
  siteKey: string,
  repIds: readonly string[],
  meetingType: MeetingType,
  ignoreMeetingId?: string,
) {
  const reps = new Map<string, Rep>();
  const pool = new PoolSlots(meetingType.durationMinutes);
  for (const repId of repIds) {
    if (reps.has(repId)) continue;
    const rep = await deps.reps.get(siteKey, repId);
    if (!rep?.active) continue;
    reps.set(repId, rep);
    pool.add((await repSlotInput(deps, siteKey, rep, meetingType, deps.clock(), ignoreMeetingId)).input);
  }
  return { reps, pool };
}

/** poolOfReps' slots as ISO text. */
export async function slotsOfReps(
  deps: SlotsOfRepsDependencies,
  siteKey: string,
  repIds: readonly string[],
  meetingType: MeetingType,
  ignoreMeetingId?: string,
) {
  const { reps, pool } = await poolOfReps(deps, siteKey, repIds, meetingType, ignoreMeetingId);
  return { reps, slots: pool.slots() };
}

/** The slot listing's answer: the meeting type, the reps offered and their times in the visitor's zone. */
export const slotListing = (timeZone: string, meetingType: MeetingType, reps: Iterable<Rep>, pool: PoolSlots) => ({
  timeZone,
  meetingType: { id: meetingType.id, name: meetingType.name, durationMinutes: meetingType.durationMinutes },
  reps: [...reps].map((rep) => ({
    repId: rep.repId,
    name: rep.name,
    title: rep.title ?? null,
    photoUrl: rep.photoUrl ?? null,
  })),
  slots: pool.slotsIn(timeZone),
});
