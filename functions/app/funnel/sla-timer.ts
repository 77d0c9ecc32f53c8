import { createHash } from 'node:crypto';
import type { SlaTerm } from '../../core/funnel/handoff-policy.js';
import type { SlaTimer } from '../../core/funnel/sla.js';
import type { ScheduledTimer } from '../../ports/timers.js';

/** A valid schedule name (EventBridge: ≤ 64 of [0-9A-Za-z-_.]) derived from the deadline's identity. */
const timerIdOf = (slaId: string) => `sla-${createHash('sha256').update(slaId).digest('hex').slice(0, 48)}`;

export function scheduledSlaTimer(timer: SlaTimer): ScheduledTimer {
  return {
    id: timerIdOf(timer.id),
    siteKey: timer.siteKey,
    dueAt: timer.dueAt,
    kind: 'sla',
    payload: {
      slaId: timer.id,
      visitorId: timer.visitorId,
      term: timer.term,
      repId: timer.repId,
      startedAt: timer.startedAt,
    },
  };
}

export function slaTimerOf(timer: ScheduledTimer): SlaTimer {
  const p = timer.payload;
  return {
    id: String(p.slaId),
    siteKey: timer.siteKey,
    visitorId: String(p.visitorId),
    term: p.term as SlaTerm,
    repId: p.repId ?? null,
    startedAt: String(p.startedAt),
    dueAt: timer.dueAt,
  };
}

export const slaTimerId = (timer: SlaTimer) => timerIdOf(timer.id);
