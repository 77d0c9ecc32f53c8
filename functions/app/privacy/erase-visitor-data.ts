import { domainEvent } from '../../core/events/domain-event.js';
import type { Principal } from '../../ports/token-verifier.js';
import type { DataSubject } from '../../ports/visitor-data.js';
import type { Dependencies } from '../dependencies.js';
import { countsOf } from './export-visitor-data.js';

/**
 * Forgets a person on one site: their profiles, leads, conversations (turns, decision, live chat),
 * sync statuses, timers (SLA, inactivity, reminders, live offers) and undelivered or failed events are deleted; their meetings stay on the
 * rep's calendar with name and email blanked. A VisitorErased event asks the CRMs and the webhook to
 * delete their copies; it rides on the audit entry, which keeps who asked, when and how much, and
 * nothing about the person.
 */
export async function eraseVisitorData(
  deps: Pick<Dependencies, 'visitorData' | 'clock' | 'newId' | 'logger'>,
  siteKey: string,
  subject: DataSubject,
  principal: Principal,
) {
  const records = await deps.visitorData.find(siteKey, subject);
  const erasedAt = deps.clock().toISOString();
  const erasureId = deps.newId();
  const emails = [
    ...new Set(
      [
        ...('email' in subject ? [subject.email.trim()] : []),
        ...records.profiles.map((profile) => profile.answers.email),
        ...records.meetings.map((meeting) => meeting.visitor.email),
      ].filter((email): email is string => !!email),
    ),
  ];
  const counts = countsOf(records);
  await deps.visitorData.erase(siteKey, records);
  const erased = domainEvent('VisitorErased', `visitor-erased:${erasureId}`, siteKey, erasedAt, {
    erasureId,
    visitorIds: records.profiles.map((profile) => profile.visitorId),
    emails,
    meetingIds: records.meetings.map((meeting) => meeting.meetingId),
    conversationIds: records.conversations.map((entry) => entry.conversation.id),
  });
  await deps.visitorData.audit(
    { id: erasureId, siteKey, action: 'erase', by: principal.userId, at: erasedAt, counts },
    emails.length > 0 || records.profiles.length > 0 ? [erased] : [],
  );
  deps.logger.info('visitor data erased', { auditId: erasureId, siteKey, by: principal.userId, counts });
  return { erasureId, erasedAt, counts };
}
