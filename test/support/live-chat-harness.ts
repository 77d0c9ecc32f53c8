import { Playbook } from '../../functions/core/playbooks/playbook.js';
import type { Dependencies } from '../../functions/app/dependencies.js';
import { aSite } from '../fixtures/builders.js';
import { aLiveRep, liveTeamRulebook, talkNowPlaybook } from '../fixtures/live-chat.js';

export const LIVE_SITE = 'live-site';
export const LIVE_REPS = ['rep-ana', 'rep-ben', 'rep-carla'] as const;

/** A site whose playbook offers to talk now, its live team of three reps working now, and its rulebook. */
export async function seedLiveChatSite(deps: Dependencies, siteKey = LIVE_SITE): Promise<void> {
  await deps.sites.putIfAbsent(aSite({ siteKey, name: 'Live Site', playbook: Playbook.parse(talkNowPlaybook) }));
  await deps.rulebooks.putLiveIfAbsent(siteKey, liveTeamRulebook(LIVE_REPS), deps.clock().toISOString());
  for (const repId of LIVE_REPS) {
    const name = repId.slice(4, 5).toUpperCase() + repId.slice(5);
    // Working all week round the clock, so only the presence switch and capacity decide.
    await deps.reps.put(
      siteKey,
      aLiveRep({
        repId,
        name,
        email: `${repId}@example.com`,
        workingHours: {
          mon: [['00:00', '24:00']],
          tue: [['00:00', '24:00']],
          wed: [['00:00', '24:00']],
          thu: [['00:00', '24:00']],
          fri: [['00:00', '24:00']],
          sat: [['00:00', '24:00']],
          sun: [['00:00', '24:00']],
        },
      }),
    );
  }
}
