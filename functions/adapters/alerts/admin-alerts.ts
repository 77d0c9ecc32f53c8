import type { Logger } from '@aws-lambda-powertools/logger';
import type { RoutingDecision } from '../../core/routing/routing-decision.js';
import type { AdminAlerts } from '../../ports/admin-alerts.js';
import type { Mailer } from '../../ports/mailer.js';

/** Mails the rulebook's alert recipients and posts to its webhook; a failed alert is logged, never fails the chat. */
export class MailAndWebhookAlerts implements AdminAlerts {
  constructor(
    private readonly mailer: Mailer,
    private readonly from: string,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly fetcher: typeof fetch = globalThis.fetch,
  ) {}

  async fallbackUsed(
    decision: RoutingDecision,
    recipients: { emails: string[]; webhookUrl?: string | undefined },
  ): Promise<void> {
    const outcome =
      decision.outcome.type === 'rep' ? `rep ${decision.outcome.repName}` : `nurture "${decision.outcome.nurtureId}"`;
    const skipped = decision.steps.flatMap((step) => step.skipped.map((skip) => `  - ${skip.repId}: ${skip.reason}`));
    const text = [
      `Routing fell back for conversation ${decision.conversationId} (rulebook v${decision.rulebookVersion}).`,
      `Matched rule: ${decision.matchedRuleId ?? 'none'}. Outcome: ${outcome}.`,
      'Reps skipped:',
      ...(skipped.length ? skipped : ['  (none)']),
    ].join('\n');
    const work: Array<Promise<unknown>> = [];
    if (recipients.emails.length)
      work.push(
        this.mailer.send({
          from: this.from,
          to: recipients.emails,
          subject: `Baton: routing fallback used (${decision.siteKey})`,
          text,
        }),
      );
    if (recipients.webhookUrl) {
      work.push(
        this.fetcher(recipients.webhookUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'routing.fallback_used', decision }),
          signal: AbortSignal.timeout(2000),
        }).then((response) => {
          if (!response.ok) throw new Error(`webhook answered ${response.status}`);
        }),
      );
    }
    for (const result of await Promise.allSettled(work)) {
      if (result.status === 'rejected')
        this.logger.warn('fallback alert not delivered', {
          conversationId: decision.conversationId,
          error: String(result.reason),
        });
    }
  }
}
