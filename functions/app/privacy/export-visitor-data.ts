import { isExpired } from '../../core/privacy/retention.js';
import type { Principal } from '../../ports/token-verifier.js';
import type { DataSubject, VisitorRecords } from '../../ports/visitor-data.js';
import type { Dependencies } from '../dependencies.js';

/** How many records of each kind a request touched: what the audit trail keeps instead of the records. */
export function countsOf(records: VisitorRecords): Record<string, number> {
  return {
    profiles: records.profiles.length,
    leads: records.leads.length,
    conversations: records.conversations.length,
    turns: records.conversations.reduce((sum, entry) => sum + entry.turns.length, 0),
    meetings: records.meetings.length,
    syncStatuses: records.syncStatuses.length,
    timers: records.timers.length,
    events: records.events.length,
  };
}

/** Everything the site holds about a person, as JSON (a data-subject access request); the request itself is audited. */
export async function exportVisitorData(
  deps: Pick<Dependencies, 'visitorData' | 'clock' | 'newId' | 'logger'>,
  siteKey: string,
  subject: DataSubject,
  principal: Principal,
) {
  const found = await deps.visitorData.find(siteKey, subject);
  const now = deps.clock();
  // Past its retention a record is gone from every read, though the table's TTL may not have deleted it yet
  // (erasure still deletes it).
  const records: VisitorRecords = {
    ...found,
    profiles: found.profiles.filter((profile) => !isExpired(profile.expiresAt, now)),
    conversations: found.conversations.filter((entry) => !isExpired(entry.conversation.expiresAt, now)),
  };
  const exportedAt = now.toISOString();
  const entry = {
    id: deps.newId(),
    siteKey,
    action: 'export' as const,
    by: principal.userId,
    at: exportedAt,
    counts: countsOf(records),
  };
  await deps.visitorData.audit(entry);
  deps.logger.info('visitor data exported', { auditId: entry.id, siteKey, by: entry.by, counts: entry.counts });
  return { siteKey, exportedAt, ...records };
}
