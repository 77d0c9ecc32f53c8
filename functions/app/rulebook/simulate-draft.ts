import { DateTime } from 'luxon';
import type { RepAvailabilityState } from '../../core/routing/order-pool-candidates.js';
import { outOfOfficeAt } from '../../core/routing/rep.js';
import { simulateRulebook, type SimulationReport } from '../../core/rulebook/simulate-rulebook.js';
import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';
import { getRulebookDraft } from './get-rulebook-draft.js';

const MAX_VISITORS = 5000;

/** Replays the visitors seen in the last `days` days through the draft and the live version. */
export async function simulateDraft(
  deps: Dependencies,
  siteKey: string,
  days: number,
): Promise<SimulationReport & { days: number; draftRevision: number; truncated: boolean }> {
  const now = deps.clock();
  const live = await deps.rulebooks.getLive(siteKey);
  if (!live) throw notFound('No rulebook', `The site "${siteKey}" has no rulebook.`);
  const draft = await getRulebookDraft(deps, siteKey);
  const since = DateTime.fromJSDate(now).minus({ days }).toUTC().toISO()!;
  const profiles = await deps.visitors.listSeenSince(siteKey, since, MAX_VISITORS);
  const reps = await deps.reps.list(siteKey);
  const states = new Map<string, RepAvailabilityState>();
  for (const rep of reps) {
    states.set(rep.repId, {
      repId: rep.repId,
      known: rep.active,
      outOfOfficeUntil: outOfOfficeAt(rep, now)?.end ?? null,
      hasOpenSlot: rep.active && (await deps.availability.hasOpenSlot(siteKey, rep, now)),
      assignedToday: 0,
    });
  }
  const report = await simulateRulebook(live, { version: live.version + 1, ...draft.content }, profiles, states, now);
  return { ...report, days, draftRevision: draft.revision, truncated: profiles.length >= MAX_VISITORS };
}
