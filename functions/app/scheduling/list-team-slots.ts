import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';
import { meetingTypeOf, type SlotsOfRepsDependencies, poolOfReps, slotListing } from './slots-of-reps.js';

/** Open times of one rep, or of a pool's reps in its member order, for the console and for links outside the chat. */
export async function listTeamSlots(
  deps: SlotsOfRepsDependencies & Pick<Dependencies, 'sites' | 'rulebooks'>,
  siteKey: string,
  target: { repId: string } | { poolId: string },
  timeZone: string,
) {
  const meetingType = await meetingTypeOf(deps, siteKey);
  let repIds: string[];
  if ('repId' in target) repIds = [target.repId];
  else {
    const pool = (await deps.rulebooks.getLive(siteKey))?.pools.find((candidate) => candidate.id === target.poolId);
    if (!pool) throw notFound('Unknown pool', `The live rulebook has no pool "${target.poolId}".`);
    repIds = pool.members.map((member) => member.repId);
  }
  const { reps, pool } = await poolOfReps(deps, siteKey, repIds, meetingType);
  if (reps.size === 0) throw notFound('Unknown rep', 'No active rep matches.');
  return slotListing(timeZone, meetingType, reps.values(), pool);
}
