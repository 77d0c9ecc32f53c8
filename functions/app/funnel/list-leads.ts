import type { Lead } from '../../core/funnel/lead.js';
import { InvalidCursorError, type LeadFilter } from '../../ports/lead-store.js';
import { DomainError } from '../errors.js';
import type { Dependencies } from '../dependencies.js';
import { ownerScope, type Viewer } from './viewer.js';

export interface LeadView extends Lead {
  contact: { name: string | null; email: string | null; company: string | null } | null;
  score: number | null;
}

/**
 * A site's leads, newest first, filtered by stage, owner, queue, source and creation date, with the
 * contact and score a person needs to act. A rep sees only their own.
 */
export async function listLeads(
  deps: Pick<Dependencies, 'leads' | 'visitors'>,
  input: { siteKey: string; viewer: Viewer; filter: LeadFilter; limit: number; cursor?: string | undefined },
): Promise<{ leads: LeadView[]; nextCursor: string | null }> {
  const filter = { ...input.filter, ownerRepId: ownerScope(input.viewer, input.filter.ownerRepId) };
  const page = await deps.leads
    .list(input.siteKey, filter, { limit: input.limit, cursor: input.cursor })
    .catch((error: unknown) => {
      if (error instanceof InvalidCursorError) throw new DomainError('invalid', 'Invalid cursor', error.message);
      throw error;
    });
  const leads = await Promise.all(
    page.leads.map(async (lead): Promise<LeadView> => {
      const profile = await deps.visitors.get(lead.visitorId);
      const firm = profile?.account ?? profile?.company ?? null;
      return {
        ...lead,
        contact: profile
          ? {
              name: profile.answers.name ?? null,
              email: profile.answers.email ?? null,
              company: profile.answers.company ?? firm?.name ?? null,
            }
          : null,
        score: profile?.score?.total ?? null,
      };
    }),
  );
  return { leads, nextCursor: page.nextCursor };
}
