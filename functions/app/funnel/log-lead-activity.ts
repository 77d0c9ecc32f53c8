import type { Activity, Lead } from '../../core/funnel/lead.js';
import { applyLeadCommand, type LeadDeps } from './apply-lead-command.js';
import { guardFor } from './lead-guard.js';
import { actorOf, type Viewer } from './viewer.js';

/** Records a follow-up attempt (the first one is the first touch) or a note; attempts count toward the SLA. */
export async function logLeadActivity(
  deps: LeadDeps,
  input: {
    siteKey: string;
    visitorId: string;
    viewer: Viewer;
    kind: Activity['kind'];
    note?: string | undefined;
  },
): Promise<Lead> {
  const { lead } = await applyLeadCommand(deps, {
    siteKey: input.siteKey,
    visitorId: input.visitorId,
    command: { type: 'log-activity', kind: input.kind, attempt: input.kind !== 'note', note: input.note ?? null },
    by: actorOf(input.viewer),
    guard: guardFor(input.viewer),
  });
  return lead;
}
