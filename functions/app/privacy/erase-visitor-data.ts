import { domainEvent } from '../../core/events/domain-event.js';
import { SlaTerm } from '../../core/funnel/handoff-policy.js';
import { slaTimersOf } from '../../core/funnel/sla.js';
import type { Principal } from '../../ports/token-verifier.js';
import type { DataSubject, VisitorRecords } from '../../ports/visitor-data.js';
import type { Dependencies } from '../dependencies.js';
import { slaTimerId } from '../funnel/sla-timer.js';
import { liveOfferTimerId } from '../live-chat/offer-timer.js';
import { REMINDERS, reminderTimerId } from '../scheduling/meeting-reminders.js';
import { inactivityTimerId } from '../timers/schedule-inactivity.js';
import { countsOf } from './export-visitor-data.js';

/** Every SLA term with the widest conditions, so each deadline a lead can have had running is named. */
const everySla = {
  sla: SlaTerm.options.map((term) => ({ term, withinMinutes: 1, minAttempts: 100, reassign: false })),
};

/**
 * The timers that may still be pending for the person, named as they were scheduled: their visitors'
 * inactivity, their conversations' live offers, their meetings' reminders and their leads' SLA deadlines,
 * beside those the store found. In AWS a timer is an EventBridge Scheduler schedule, which no query of
 * the table finds, so the names are derived; canceling a name that never was or has fired is no error.
 */
function timerIdsOf(siteKey: string, records: VisitorRecords): string[] {
  return [
    ...new Set([
      ...records.timers.map((timer) => timer.id),
      ...records.profiles.map((profile) => inactivityTimerId(profile.visitorId)),
      ...records.conversations.map(({ conversation }) => liveOfferTimerId(siteKey, conversation.id)),
      ...records.meetings.flatMap((meeting) =>
        REMINDERS.map((reminder) => reminderTimerId(meeting.meetingId, reminder.name)),
      ),
      ...records.leads.flatMap((lead) => slaTimersOf(lead, everySla).map(slaTimerId)),
    ]),
  ];
}

/**
 * Forgets a person on one site: their profiles, leads, conversations (turns, decision, live chat),
 * sync statuses, timers (SLA, inactivity, reminders, live offers: items locally, Scheduler schedules in
 * AWS) and undelivered or failed events are deleted; their meetings stay on the
 * rep's calendar with name and email blanked. A VisitorErased event asks the CRMs and the webhook to
 * delete their copies; it rides on the audit entry, which keeps who asked, when and how much, and
 * nothing about the person.
 */
export async function eraseVisitorData(
  deps: Pick<Dependencies, 'visitorData' | 'timers' | 'clock' | 'newId' | 'logger'>,
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
  // After the data: a timer that fires meanwhile finds nothing left to act on. One that cannot be canceled
  // now (Scheduler throttling) fires into nothing and is deleted by Scheduler; it holds ids, no personal data.
  const canceled = await Promise.allSettled(timerIdsOf(siteKey, records).map((id) => deps.timers.cancel(id)));
  const notCanceled = canceled.filter((result) => result.status === 'rejected').length;
  if (notCanceled > 0) deps.logger.warn('timers of an erased person not canceled', { siteKey, notCanceled });
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
