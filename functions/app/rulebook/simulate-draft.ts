import { DateTime } from 'luxon';
import type { RepAvailabilityState } from '../../core/routing/order-pool-candidates.js';
import { outOfOfficeAt } from '../../core/routing/rep.js';
import {
  type DraftSimulationReport,
  MAX_CHANGED_LISTED,
  startSimulation,
} from '../../core/rulebook/simulate-rulebook.js';
import type { Dependencies } from '../dependencies.js';
import { contentOf, liveOf } from './rulebook-draft-support.js';

/**
 * Replays every visitor seen in the last `days` days through the draft and the live version, one
 * stored page at a time: memory holds a page and the tallies, not the visitors. `onPage` hears the
 * count so far after each page (the job's progress).
 */
export async function simulateDraft(
  deps: Pick<Dependencies, 'clock' | 'rulebooks' | 'visitors' | 'reps' | 'availability'>,
  siteKey: string,
  days: number,
  onPage: (visitors: number) => Promise<void> = async () => {},
): Promise<DraftSimulationReport> {
  const now = deps.clock();
  const live = await liveOf(deps, siteKey);
  // The draft as stored, or the live version when none is: its problems are the editor's business, and
  // checking a 500-rule draft for shadowed rules costs more than replaying thousands of visitors.
  const stored = await deps.rulebooks.getDraft(siteKey);
  const draft = stored ?? { content: contentOf(live), revision: 0 };
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
  let visitors = 0;
  for await (const page of deps.visitors.pagesSeenSince(siteKey, since)) {
    await simulation.add(page);
    visitors += page.length;
    await onPage(visitors);
  }
  const report = simulation.report();
  return { ...report, days, draftRevision: draft.revision, truncated: report.changedCount > MAX_CHANGED_LISTED };
}
