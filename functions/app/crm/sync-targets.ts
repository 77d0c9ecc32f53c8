import type { DomainEvent } from '../../core/events/domain-event.js';
import type { CrmLead, CrmProvider } from '../../ports/crm.js';
import type { Dependencies } from '../dependencies.js';
import { conversationTranscript } from './conversation-transcript.js';
import { withRetries } from './retry-policy.js';

/**
 * What each event means to a CRM (the webhook gets every event): `lead` upserts the lead as it stands
 * now (stage, status, owner, rejection); `transcript` does that and writes the conversation's
 * transcript beside it; `meeting` writes the meeting, the transcript of its chat and the booking
 * form's name and email. A Record over every detail type, so a new event fails `tsc` here until
 * someone decides what the CRMs do with it.
 */
const CRM_WRITE: Record<DomainEvent['detailType'], 'lead' | 'transcript' | 'meeting' | 'erase' | null> = {
  ConversationStarted: null,
  VisitorIdentified: 'transcript',
  LeadScored: 'lead',
  StageChanged: 'lead',
  VisitorRouted: 'transcript',
  MeetingBooked: 'meeting',
  MeetingRescheduled: 'meeting',
  MeetingCanceled: 'meeting',
  MeetingNoShow: 'meeting',
  MailQueued: null,
  LeadAccepted: 'lead',
  LeadRejected: 'lead',
  LeadAssigned: 'lead',
  // Attempts, SLA verdicts and rulebook changes are Baton's bookkeeping: the webhook carries them.
  LeadActivityLogged: null,
  SlaBreached: null,
  SlaMet: null,
  RulebookPublished: null,
  RulebookRolledBack: null,
  SimulationRequested: null,
  VisitorErased: 'erase',
  // The transcript again, now with what the rep wrote (the same CRM record, updated).
  LiveChatEnded: 'transcript',
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

/**
 * The lead as it stands when the sync runs (a later event brings later changes): contact details and
 * score from the visitor's profile, the stage, owner and rejection from the funnel once there is a lead.
 */
async function leadOf(
  deps: Dependencies,
  siteKey: string,
  visitorId: string,
  routedTo: string | null,
): Promise<CrmLead | null> {
  const [profile, funnel] = await Promise.all([deps.visitors.get(visitorId), deps.leads.get(siteKey, visitorId)]);
  if (!profile?.answers.email) return null;
  const firm = profile.account ?? profile.company;
  const rejected = funnel?.rejection && ['lead', 'recycled', 'disqualified'].includes(funnel.stage);
  return {
    visitorId,
    email: profile.answers.email,
    name: profile.answers.name ?? null,
    company: profile.answers.company ?? firm?.name ?? null,
    domain: firm?.domain ?? null,
    score: profile.score?.total ?? null,
    stage: funnel && funnel.stage !== 'visitor' ? funnel.stage : profile.stage,
    rejection: rejected && funnel.rejection ? { reason: funnel.rejection.reasonId, note: funnel.rejection.note } : null,
    repId: funnel?.ownerRepId ?? routedTo,
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
  const write = CRM_WRITE[event.detailType];

  if (event.detailType === 'VisitorErased') {
    const erasure = event.detail;
    // No sync status is written: it would be a new record about the person just forgotten.
    for (const crm of deps.crm.providers)
      targets.push({ name: crm.name, apply: () => crm.erase(erasure), visitorId: null });
    return targets;
  }

  if ((write === 'lead' || write === 'transcript') && 'visitorId' in event.detail && event.detail.visitorId) {
    const routedTo = event.detailType === 'VisitorRouted' ? event.detail.repId : null;
    const lead = await leadOf(deps, event.siteKey, event.detail.visitorId, routedTo);
    const conversationId =
      write === 'transcript' && 'conversationId' in event.detail ? (event.detail.conversationId ?? null) : null;
    const transcript = lead && conversationId ? await conversationTranscript(deps, conversationId) : null;
    if (lead)
      for (const crm of deps.crm.providers)
        targets.push({
          name: crm.name,
          apply: transcript
            ? () =>
                crm.recordTranscript({
                  key: `conversation-${conversationId}`,
                  lead,
                  at: transcript.startedAt,
                  transcript: transcript.text,
                })
            : () => crm.upsertLead(lead),
          visitorId: lead.visitorId,
        });
  }
  if (write === 'meeting' && 'meetingId' in event.detail) {
    const meeting = await deps.meetings.get(event.detail.meetingId);
    if (meeting) {
      const known = meeting.visitorId ? await leadOf(deps, event.siteKey, meeting.visitorId, meeting.repId) : null;
      // The booking form's name and email are the visitor's latest word on who they are.
      const lead: CrmLead = {
        visitorId: meeting.visitorId ?? meeting.meetingId,
        company: null,
        domain: null,
        score: null,
        stage: 'lead',
        rejection: null,
        source: null,
        ...known,
        email: meeting.visitor.email,
        name: meeting.visitor.name,
        repId: known?.repId ?? meeting.repId,
      };
      const transcript = meeting.conversationId ? await conversationTranscript(deps, meeting.conversationId) : null;
      const status =
        meeting.status === 'canceled' ? 'canceled' : meeting.status === 'no-show' ? 'no-show' : 'scheduled';
      const record = {
        meetingId: meeting.meetingId,
        lead,
        repId: meeting.repId,
        start: meeting.start,
        end: meeting.end,
        status,
        transcript: transcript?.text ?? '',
      } as const;
      for (const crm of deps.crm.providers as CrmProvider[])
        targets.push({ name: crm.name, apply: () => crm.recordMeeting(record), visitorId: lead.visitorId });
    }
  }
  return targets;
}
