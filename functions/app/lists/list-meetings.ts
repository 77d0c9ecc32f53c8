import type { Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { DomainError } from '../errors.js';
import { ownerScope, type Viewer } from '../funnel/viewer.js';

export interface MeetingListItem {
  meetingId: string;
  repId: string;
  repName: string;
  start: string;
  end: string;
  status: Meeting['status'];
  visitor: { name: string; email: string; timeZone: string };
  visitorId: string | null;
  conversationId: string | null;
  /** The lead's stage and source, when the meeting's visitor is a lead. */
  stage: string | null;
  source: string | null;
  /** Why routed: the rule that matched. */
  matchedRuleId: string | null;
}

const cursorOf = (meeting: Meeting) =>
  Buffer.from(`${meeting.start}#${meeting.meetingId}`, 'utf8').toString('base64url');

/**
 * A site's meetings starting in [from, to), by start, across its reps (or one owner), filtered by
 * status, stage and source and paged. A rep sees only their own.
 */
export async function listMeetings(
  deps: Pick<Dependencies, 'meetings' | 'reps' | 'leads' | 'decisions' | 'clock'>,
  input: {
    siteKey: string;
    viewer: Viewer;
    filter: {
      owner?: string | undefined;
      status?: Meeting['status'] | undefined;
      stage?: string | undefined;
      source?: string | undefined;
      from?: string | undefined;
      to?: string | undefined;
    };
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ meetings: MeetingListItem[]; nextCursor: string | null }> {
  const owner = ownerScope(input.viewer, input.filter.owner);
  const now = deps.clock().getTime();
  // By default the month behind and the two ahead: what a rep prepares for and follows up.
  const from = input.filter.from ?? new Date(now - 30 * 86_400_000).toISOString();
  const to = input.filter.to ?? new Date(now + 60 * 86_400_000).toISOString();
  const after = input.cursor ? Buffer.from(input.cursor, 'base64url').toString('utf8') : null;
  if (after !== null && !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]+$/.test(after))
    throw new DomainError('invalid', 'Invalid cursor', 'the cursor is not one this listing issued');
  const repIds = owner ? [owner] : (await deps.reps.list(input.siteKey)).map((rep) => rep.repId);
  const all = (await Promise.all(repIds.map((repId) => deps.meetings.listAllForRep(input.siteKey, repId, from, to))))
    .flat()
    .filter((meeting) => input.filter.status === undefined || meeting.status === input.filter.status)
    .filter((meeting) => after === null || `${meeting.start}#${meeting.meetingId}` > after)
    .sort((a, b) => a.start.localeCompare(b.start) || a.meetingId.localeCompare(b.meetingId));
  const meetings: MeetingListItem[] = [];
  let last: Meeting | null = null;
  for (const meeting of all) {
    if (meetings.length === input.limit) break;
    last = meeting;
    const [lead, decision] = await Promise.all([
      meeting.visitorId ? deps.leads.get(input.siteKey, meeting.visitorId) : null,
      meeting.conversationId ? deps.decisions.get(meeting.conversationId) : null,
    ]);
    const item: MeetingListItem = {
      meetingId: meeting.meetingId,
      repId: meeting.repId,
      repName: meeting.repName,
      start: meeting.start,
      end: meeting.end,
      status: meeting.status,
      visitor: meeting.visitor,
      visitorId: meeting.visitorId,
      conversationId: meeting.conversationId,
      stage: lead?.stage ?? null,
      source: lead?.source ?? null,
      matchedRuleId: decision?.matchedRuleId ?? null,
    };
    if (input.filter.stage !== undefined && item.stage !== input.filter.stage) continue;
    if (input.filter.source !== undefined && item.source !== input.filter.source) continue;
    meetings.push(item);
  }
  const more = last !== null && all.indexOf(last) < all.length - 1;
  return { meetings, nextCursor: more && last ? cursorOf(last) : null };
}
