import type { Dependencies } from '../dependencies.js';
import { conversationRoute } from './conversation-route.js';
import { meetingTypeOf, type SlotsOfRepsDependencies, poolOfReps, slotListing } from './slots-of-reps.js';

/** The open times a routed conversation can book: the routed rep's, or every offered rep's when the visitor picks. */
export async function listConversationSlots(
  deps: SlotsOfRepsDependencies & Pick<Dependencies, 'conversations' | 'decisions' | 'sites'>,
  conversationId: string,
  timeZone: string,
) {
  const { conversation, bookable } = await conversationRoute(deps, conversationId);
  const meetingType = await meetingTypeOf(deps, conversation.siteKey);
  const { reps, pool } = await poolOfReps(deps, conversation.siteKey, bookable, meetingType);
  return slotListing(timeZone, meetingType, reps.values(), pool);
}
