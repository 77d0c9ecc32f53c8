import { DateTime } from 'luxon';
import type { RepAvailabilityState } from '../../core/routing/order-pool-candidates.js';
import { outOfOfficeAt } from '../../core/routing/rep.js';
import { MAX_CHANGED_LISTED, type SimulationReport, startSimulation } from '../../core/rulebook/simulate-rulebook.js';
import type { Dependencies } from '../dependencies.js';
import { notFound } from '../errors.js';
import { getRulebookDraft } from './get-rulebook-draft.js';

/**
 * Replays every visitor seen in the last `days` days through the draft and the live version, one
 * stored page at a time: memory holds a page and the tallies, not the visitors.
 */
export async function simulateDraft(
  deps: Pick<Dependencies, 'clock' | 'rulebooks' | 'visitors' | 'reps' | 'availability'>,
  siteKey: string,
  days: number,
): Promise<SimulationReport & { days: number; draftRevision: number; truncated: boolean }> {
  const now = deps.clock();
  const live = await deps.rulebooks.getLive(siteKey);
  if (!live) throw notFound('No rulebook', `The site "${siteKey}" has no rulebook.`);
  const draft = await getRulebookDraft(deps, siteKey);
  const since = DateTime.fromJSDate(now).minus({ days }).toUTC().toISO()!;
  const reps = await deps.reps.list(siteKey);
  const states = new Map<string, RepAvailabilityState>(
    await Promise.all(
      reps.map(
        async (rep) =>
          [
            rep.repId,
            {
              repId: rep.repId,
              known: rep.active,
              outOfOfficeUntil: outOfOfficeAt(rep, now)?.end ?? null,
              hasOpenSlot: rep.active && (await deps.availability.hasOpenSlot(siteKey, rep, now)),
              assignedToday: 0,
            },
          ] as const,
      ),
    ),
  );
  const simulation = startSimulation(live, { version: live.version + 1, ...draft.content }, states, now);
  for await (const page of deps.visitors.pagesSeenSince(siteKey, since)) await simulation.add(page);
  const report = simulation.report();
  return { ...report, days, draftRevision: draft.revision, truncated: report.changedCount > MAX_CHANGED_LISTED };
}
