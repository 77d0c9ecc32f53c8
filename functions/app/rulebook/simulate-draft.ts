import { DateTime } from 'luxon';
import type { RepAvailabilityState } from '../../core/routing/order-pool-candidates.js';
import { outOfOfficeAt } from '../../core/routing/rep.js';
import {
  type DraftSimulationReport,
  MAX_CHANGED_LISTED,
  startSimulation,
} from '../../core/rulebook/simulate-rulebook.js';
import { MAX_PROBLEMS_LISTED } from '../../core/rulebook/validate-rulebook.js';
import type { Dependencies } from '../dependencies.js';
import { DomainError } from '../errors.js';
import { contentOf, liveOf, problemsWith } from './rulebook-draft-support.js';

/**
 * Replays every visitor seen in the last `days` days through the draft and the live version, one
 * stored page at a time: memory holds a page and the tallies, not the visitors. `onPage` hears the
 * count so far after each page (the job's progress). The report carries the draft's problems as they
 * were when it ran (the reps it was checked against are the ones it replayed with).
 */
export async function simulateDraft(
  deps: Pick<Dependencies, 'clock' | 'rulebooks' | 'visitors' | 'reps' | 'availability'>,
  siteKey: string,
  days: number,
  onPage: (visitors: number) => Promise<void> = async () => {},
): Promise<DraftSimulationReport> {
  const now = deps.clock();
  const live = await liveOf(deps, siteKey);
  // The draft as stored, or the live version when none is. A draft with problems is replayed as it stands
  // (a shadowed rule or an unknown rep is worth seeing in numbers before it is fixed), and the report lists
  // the problems, so its numbers are never read as those of a draft that can go live.
  const stored = await deps.rulebooks.getDraft(siteKey);
  const draft = stored ?? { content: contentOf(live), revision: 0 };
  const since = DateTime.fromJSDate(now).minus({ days }).toUTC().toISO()!;
  const reps = await deps.reps.list(siteKey);
  const problems = problemsWith(reps, draft.content);
  // The one problem a replay cannot step around: every visitor's facts read the team's time in this zone.
  const zone = problems.find((problem) => problem.path === '/businessHours/timeZone');
  if (zone)
    throw new DomainError(
      'invalid',
      'The draft cannot be simulated',
      `${zone.path}: ${zone.message}. Every visitor's business hours are read in it; fix it and simulate again.`,
    );
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
  return {
    ...report,
    days,
    draftRevision: draft.revision,
    truncated: report.changedCount > MAX_CHANGED_LISTED,
    problems: problems.slice(0, MAX_PROBLEMS_LISTED),
    problemCount: problems.length,
  };
}
