import { messagesOfTurns } from '../../core/conversation/conversation.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { CrmLead, CrmProvider } from '../../ports/crm.js';
import type { Dependencies } from '../dependencies.js';
import { withRetries } from './retry-policy.js';

/**
 * What each event means to a CRM (the webhook gets every event). A Record over every detail type, so a
 * new event fails `tsc` here until someone decides what the CRMs do with it.
 */
const CRM_WRITE: Record<DomainEvent['detailType'], 'lead' | 'meeting' | null> = {
  ConversationStarted: null,
  VisitorIdentified: 'lead',
  LeadScored: 'lead',
  StageChanged: 'lead',
  VisitorRouted: 'lead',
  MeetingBooked: 'meeting',
  MeetingRescheduled: 'meeting',
  MeetingCanceled: 'meeting',
  MailQueued: null,
  LeadAccepted: null,
  LeadRejected: null,
  LeadAssigned: null,
  LeadActivityLogged: null,
  SlaBreached: null,
  SlaMet: null,
  RulebookPublished: null,
};

export type SyncTarget = { name: string; apply: () => Promise<void>; visitorId: string | null };

/** Applies one event to one target with retries; a final failure goes to the dead-letter store. */
export async function applyTarget(
  deps: Dependencies,
  event: DomainEvent,
  target: SyncTarget,
  previousAttempts: number,
): Promise<boolean> {
  const at = () => deps.clock().toISOString();
  try {
    await withRetries(target.apply, deps.retryPolicy);
    if (target.visitorId)
      await deps.sync.setStatus({
        visitorId: target.visitorId,
        target: target.name,
        status: 'synced',
        lastEventId: event.id,
        error: null,
        at: at(),
      });
    return true;
  } catch (error) {
    const message = (error as Error).message;
    deps.logger.warn('CRM sync failed; kept for replay', { eventId: event.id, target: target.name, error: message });
    await deps.sync.putDeadLetter({
      siteKey: event.siteKey,
      target: target.name,
      event,
      error: message,
      attempts: previousAttempts + deps.retryPolicy.attempts,
      at: at(),
    });
    if (target.visitorId)
      await deps.sync.setStatus({
        visitorId: target.visitorId,
        target: target.name,
        status: 'failed',
        lastEventId: event.id,
        error: message,
        at: at(),
      });
    return false;
  }
}

async function leadOf(deps: Dependencies, visitorId: string, repId: string | null): Promise<CrmLead | null> {
  const profile = await deps.visitors.get(visitorId);
  if (!profile?.answers.email) return null;
  const firm = profile.account ?? profile.company;
  return {
    visitorId,
    email: profile.answers.email,
    name: profile.answers.name ?? null,
    company: profile.answers.company ?? firm?.name ?? null,
    domain: firm?.domain ?? null,
    score: profile.score?.total ?? null,
    stage: profile.stage,
    repId,
    source: profile.firstTouch.source ?? null,
  };
}

/** The CRM writes and webhook delivery an event calls for. */
export async function targetsFor(deps: Dependencies, event: DomainEvent): Promise<SyncTarget[]> {
  const targets: SyncTarget[] = [];
  if (deps.crm.webhook) {
    const webhook = deps.crm.webhook;
    targets.push({
      name: webhook.name,
      apply: () => webhook.deliver(event),
      visitorId: 'visitorId' in event.detail ? String(event.detail.visitorId ?? '') || null : null,
    });
  }
  if (deps.crm.providers.length === 0) return targets;

  if (CRM_WRITE[event.detailType] === 'lead' && 'visitorId' in event.detail && event.detail.visitorId) {
    const repId = event.detailType === 'VisitorRouted' ? event.detail.repId : null;
    const lead = await leadOf(deps, event.detail.visitorId, repId);
    if (lead)
      for (const crm of deps.crm.providers)
        targets.push({ name: crm.name, apply: () => crm.upsertLead(lead), visitorId: lead.visitorId });
  }
  if (CRM_WRITE[event.detailType] === 'meeting' && 'meetingId' in event.detail) {
    const meeting = await deps.meetings.get(event.detail.meetingId);
    if (meeting) {
      const lead: CrmLead = (meeting.visitorId ? await leadOf(deps, meeting.visitorId, meeting.repId) : null) ?? {
        visitorId: meeting.visitorId ?? meeting.meetingId,
        email: meeting.visitor.email,
        name: meeting.visitor.name,
        company: null,
        domain: null,
        score: null,
        stage: 'lead',
        repId: meeting.repId,
        source: null,
      };
      const conversation = meeting.conversationId ? await deps.conversations.loadAll(meeting.conversationId) : null;
      const transcript = conversation
        ? messagesOfTurns(conversation.turns)
            .filter((m) => m.text)
            .map((m) => `${m.role === 'visitor' ? 'Visitor' : 'Bot'} (${m.at}): ${m.text}`)
            .join('\n')
        : '';
      const record = {
        meetingId: meeting.meetingId,
        lead,
        repId: meeting.repId,
        start: meeting.start,
        end: meeting.end,
        status: meeting.status === 'canceled' ? ('canceled' as const) : ('scheduled' as const),
        transcript,
      };
      for (const crm of deps.crm.providers as CrmProvider[])
        targets.push({ name: crm.name, apply: () => crm.recordMeeting(record), visitorId: lead.visitorId });
    }
  }
  return targets;
}
