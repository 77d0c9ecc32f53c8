import type { Dependencies } from '../dependencies.js';
import { applyTarget, targetsFor } from './sync-targets.js';

/** Sends the failed syncs of a site again; what succeeds leaves the dead-letter store. */
export async function replayFailedSyncs(
  deps: Dependencies,
  siteKey: string,
): Promise<{ replayed: number; succeeded: number; failed: number }> {
  const letters = await deps.sync.deadLetters(siteKey);
  let succeeded = 0;
  for (const letter of letters) {
    const target = (await targetsFor(deps, letter.event)).find((candidate) => candidate.name === letter.target);
    if (!target) continue;
    await deps.sync.removeDeadLetter(letter);
    if (await applyTarget(deps, letter.event, target, letter.attempts)) succeeded++;
  }
  return { replayed: letters.length, succeeded, failed: letters.length - succeeded };
}
