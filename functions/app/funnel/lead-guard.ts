import type { Lead } from '../../core/funnel/lead.js';
import { DomainError } from '../errors.js';
import { seesOnlyOwn, type Viewer } from './viewer.js';

/** A rep acts on their own leads; with `queued`, also on a lead waiting in a queue (accepting claims it). */
export const guardFor =
  (viewer: Viewer, options: { queued?: boolean } = {}) =>
  (lead: Lead) => {
    if (!seesOnlyOwn(viewer)) return;
    if (lead.ownerRepId !== null && lead.ownerRepId === viewer.repId) return;
    if (options.queued && lead.ownerRepId === null && lead.queue !== null && viewer.repId) return;
    throw new DomainError('forbidden', 'Not your lead', 'A rep acts only on the leads they own.');
  };
