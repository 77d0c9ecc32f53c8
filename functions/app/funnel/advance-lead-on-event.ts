import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Actor } from '../../core/funnel/lead.js';
import type { LeadCommand } from '../../core/funnel/move-lead.js';
import type { Dependencies } from '../dependencies.js';
import { applyLeadCommand, handoffPolicyFor } from './apply-lead-command.js';
import { scheduleInactivity } from '../timers/schedule-inactivity.js';

type Deps = Pick<Dependencies, 'leads' | 'rulebooks' | 'clock' | 'timers' | 'visitors'>;

/**
 * The funnel's event consumer: an identified visitor becomes a lead, an MQL an MQL lead, a routed
 * one gets its owner (or the fallback queue when nobody could take it), a booking hands it to the
 * rep. Stale or repeated events are ignored by the lifecycle itself, so delivering twice is harmless.
 * Every scored visitor also gets its inactivity timer (re-)armed.
 */
export async function advanceLeadOnEvent(deps: Deps, event: DomainEvent): Promise<void> {
  const by: Actor = { kind: 'event', event: event.detailType };
  let command: LeadCommand | null = null;
  let visitorId: string | null = null;
  switch (event.detailType) {
    case 'StageChanged':
      if (event.detail.subject === 'lead') return;
      visitorId = event.detail.visitorId;
      command =
        event.detail.to === 'mql' ? { type: 'reach-mql' } : event.detail.to === 'lead' ? { type: 'identify' } : null;
      break;
    case 'VisitorRouted': {
      if (event.detail.outcome === 'nurture' && !event.detail.viaFallback) return;
      const policy = await handoffPolicyFor(deps, event.siteKey);
      visitorId = event.detail.visitorId;
      command = {
        type: 'route',
        repId: event.detail.repId,
        queue: event.detail.repId ? null : policy.fallbackQueue,
        ruleId: event.detail.ruleId,
        rulebookVersion: event.detail.rulebookVersion,
        conversationId: event.detail.conversationId,
      };
      break;
    }
    case 'MeetingBooked':
      visitorId = event.detail.visitorId;
      command = { type: 'book-meeting', repId: event.detail.repId };
      break;
    case 'LeadScored':
      await scheduleInactivity(deps, event.siteKey, event.detail.visitorId);
      return;
    default:
      return;
  }
  if (!command || !visitorId) return;
  const profile = await deps.visitors.get(visitorId);
  await applyLeadCommand(deps, {
    siteKey: event.siteKey,
    visitorId,
    command,
    by,
    createWith: {
      source: profile?.firstTouch.source ?? null,
      campaign: profile?.firstTouch.campaign ?? null,
      at: profile?.firstSeenAt ?? event.time,
    },
  });
}
