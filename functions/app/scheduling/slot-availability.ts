import type { Rep } from '../../core/routing/rep.js';
import { defaultMeetingType } from '../../core/scheduling/default-meeting-type.js';
import { onFirstUse } from '../../bundling/on-first-use.js';
import type { SlotDependencies } from './rep-slots.js';
import type { RepAvailability } from '../../ports/rep-availability.js';

// The slot engine (and luxon with it) is read by the first routing that asks, not at every cold start.
const repSlots = onFirstUse(() => import('./rep-slots.js').then((m) => m.repSlots));

/** "Has an open slot" answered by the slot computation itself, so routing never sends a visitor to a rep they cannot book. */
export class SlotAvailability implements RepAvailability {
  constructor(private readonly deps: SlotDependencies) {}

  async hasOpenSlot(siteKey: string, rep: Rep, now: Date): Promise<boolean> {
    const meetingType = (await this.deps.sites.get(siteKey))?.meetingType ?? defaultMeetingType;
    return (await repSlots(this.deps, siteKey, rep, meetingType, now)).starts.length > 0;
  }
}
