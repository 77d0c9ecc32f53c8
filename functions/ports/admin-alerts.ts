import type { RoutingDecision } from '../core/routing/routing-decision.js';

/** Tells the admins when routing fell back, instead of failing silently. */
export interface AdminAlerts {
  fallbackUsed(
    decision: RoutingDecision,
    recipients: { emails: string[]; webhookUrl?: string | undefined },
  ): Promise<void>;
}
