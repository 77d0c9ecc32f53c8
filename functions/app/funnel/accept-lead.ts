import type { Lead } from '../../core/funnel/lead.js';
import { applyLeadCommand, type LeadDeps } from './apply-lead-command.js';
import { guardFor } from './lead-guard.js';
import { actorOf, type Viewer } from './viewer.js';

/** The rep (or sales) accepts an MQL: it becomes an SAL, and the accept-or-reject clock stops. A rep accepting a queued lead claims it. */
export async function acceptLead(
  deps: LeadDeps,
  input: { siteKey: string; visitorId: string; viewer: Viewer },
): Promise<Lead> {
  const { lead } = await applyLeadCommand(deps, {
    siteKey: input.siteKey,
    visitorId: input.visitorId,
    command: { type: 'accept' },
    by: actorOf(input.viewer),
    guard: guardFor(input.viewer, { queued: true }),
  });
  return lead;
}
