import type { Lead } from '../../core/funnel/lead.js';
import { applyLeadCommand, type LeadDeps } from './apply-lead-command.js';
import { guardFor } from './lead-guard.js';
import { actorOf, type Viewer } from './viewer.js';

/**
 * Sales hands a lead back with one of the rulebook's reasons; the reason decides what follows (back
 * to marketing, nurture until a date, drop, customer success, or exclusion from routing).
 */
export async function rejectLead(
  deps: LeadDeps,
  input: {
    siteKey: string;
    visitorId: string;
    viewer: Viewer;
    reason: string;
    note?: string | undefined;
    recontactAt?: string | undefined;
    drop?: boolean | undefined;
  },
): Promise<Lead> {
  const { lead } = await applyLeadCommand(deps, {
    siteKey: input.siteKey,
    visitorId: input.visitorId,
    command: {
      type: 'reject',
      reasonId: input.reason,
      note: input.note ?? null,
      recontactAt: input.recontactAt ? new Date(input.recontactAt).toISOString() : null,
      drop: input.drop ?? false,
    },
    by: actorOf(input.viewer),
    guard: guardFor(input.viewer),
  });
  return lead;
}
