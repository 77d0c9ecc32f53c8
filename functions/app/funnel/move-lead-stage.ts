import type { LeadStage, Lead, Qualification } from '../../core/funnel/lead.js';
import { applyLeadCommand, type LeadDeps } from './apply-lead-command.js';
import { guardFor } from './lead-guard.js';
import { actorOf, type Viewer } from './viewer.js';

/** A person moves a lead along the funnel (SQL with its BANT or MEDDIC fields, opportunity, won, lost, recycled…). */
export async function moveLeadStage(
  deps: LeadDeps,
  input: {
    siteKey: string;
    visitorId: string;
    viewer: Viewer;
    to: LeadStage;
    why: string;
    qualification?: Qualification | undefined;
  },
): Promise<Lead> {
  const { lead } = await applyLeadCommand(deps, {
    siteKey: input.siteKey,
    visitorId: input.visitorId,
    command: { type: 'move', to: input.to, why: input.why, qualification: input.qualification ?? null },
    by: actorOf(input.viewer),
    guard: guardFor(input.viewer),
  });
  return lead;
}
