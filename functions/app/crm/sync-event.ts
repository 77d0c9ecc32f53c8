import { messagesOfTurns } from '../../core/conversation/conversation.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import { CrmError, type CrmLead, type CrmProvider } from '../../ports/crm.js';
import type { DeadLetter } from '../../ports/sync-store.js';
import type { Dependencies } from '../dependencies.js';

const CONSUMER = 'crm-sync';
const LEAD_EVENTS = new Set(['VisitorIdentified', 'LeadScored', 'StageChanged', 'VisitorRouted']);
const MEETING_EVENTS = new Set(['MeetingBooked', 'MeetingRescheduled', 'MeetingCanceled']);

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Retries 429, 5xx and network failures with exponential backoff, waiting as long as Retry-After asks (within the bound). */
export async function withRetries<T>(work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = error instanceof CrmError ? error.retryable : false;
      if (!retryable || attempt >= policy.attempts) throw error;
      const asked =
        error instanceof CrmError && error.retryAfterSeconds
          ? error.retryAfterSeconds * 1000
          : policy.baseDelayMs * 2 ** (attempt - 1);
      await policy.sleep(Math.min(asked, policy.maxDelayMs));
    }
  }
}

type Target = { name: string; apply: () => Promise<void>; visitorId: string | null };

/**
 * The CRM sync consumer: applies a domain event to every configured CRM and the webhook, each with
 * retries; what still fails goes to the dead-letter store with its error, to be replayed. Applying
 * an event twice changes nothing: an event id is applied once, and every CRM write is an upsert.
 */
export async function syncEvent(deps: Dependencies, event: DomainEvent): Promise<'applied' | 'duplicate'> {
  if (await deps.sync.seen(CONSUMER, event.id)) return 'duplicate';
  for (const target of await targetsFor(deps, event)) await applyTarget(deps, event, target, 0);
  await deps.sync.remember(CONSUMER, event.id);
  return 'applied';
}

async function applyTarget(
  deps: Dependencies,
  event: DomainEvent,
  target: Target,
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

/** Sends the failed syncs of a site again; what succeeds leaves the dead-letter store. */
export async function replayFailedSyncs(
  deps: Dependencies,
  siteKey: string,
): Promise<{ replayed: number; succeeded: number; failed: number }> {
  const letters = await deps.sync.deadLetters(siteKey);
  let succeeded = 0;
  for (const letter of letters) {
    const target = (await targetsFor(deps, letter.event)).find((candidate) => candidate.name === letter.target);
    if (!target) continue;
    await deps.sync.removeDeadLetter(letter);
    if (await applyTarget(deps, letter.event, target, letter.attempts)) succeeded++;
  }
  return { replayed: letters.length, succeeded, failed: letters.length - succeeded };
}

export async function syncStatus(deps: Dependencies, visitorId: string) {
  return { visitorId, targets: await deps.sync.statuses(visitorId) };
}

export type { DeadLetter };

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

async function targetsFor(deps: Dependencies, event: DomainEvent): Promise<Target[]> {
  const targets: Target[] = [];
  if (deps.crm.webhook) {
    const webhook = deps.crm.webhook;
    targets.push({
      name: webhook.name,
      apply: () => webhook.deliver(event),
      visitorId: 'visitorId' in event.detail ? String(event.detail.visitorId ?? '') || null : null,
    });
  }
  if (deps.crm.providers.length === 0) return targets;

  if (LEAD_EVENTS.has(event.detailType) && 'visitorId' in event.detail && event.detail.visitorId) {
    const repId = event.detailType === 'VisitorRouted' ? event.detail.repId : null;
    const lead = await leadOf(deps, event.detail.visitorId, repId);
    if (lead)
      for (const crm of deps.crm.providers)
        targets.push({ name: crm.name, apply: () => crm.upsertLead(lead), visitorId: lead.visitorId });
  }
  if (MEETING_EVENTS.has(event.detailType) && 'meetingId' in event.detail) {
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
