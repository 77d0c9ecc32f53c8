import type { LeadNotice, LeadNotifier } from '../../ports/lead-notifier.js';
import type { Mailer } from '../../ports/mailer.js';

/**
 * Mails the notice and posts `{ text }` to the incoming webhook (the shape Slack, Mattermost and
 * Teams' Slack-compatible hooks accept). Both are tried; any failure is thrown after both ran, so
 * the event consumer retries the delivery.
 */
export class MailAndWebhookLeadNotifier implements LeadNotifier {
  constructor(
    private readonly mailer: Mailer,
    private readonly from: string,
    private readonly fetcher: typeof fetch = globalThis.fetch,
  ) {}

  async notify(notice: LeadNotice): Promise<void> {
    const work: Array<Promise<unknown>> = [];
    const body = `${notice.text}\n\nOpen the lead: ${notice.link}`;
    if (notice.emails.length)
      work.push(this.mailer.send({ from: this.from, to: notice.emails, subject: notice.subject, text: body }));
    if (notice.webhookUrl)
      work.push(
        this.fetcher(notice.webhookUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ text: `*${notice.subject}*\n${notice.text}\n<${notice.link}|Open the lead>` }),
          signal: AbortSignal.timeout(5000),
          redirect: 'error',
        }).then((response) => {
          if (!response.ok) throw new Error(`webhook answered ${response.status}`);
        }),
      );
    const failed = (await Promise.allSettled(work)).filter((result) => result.status === 'rejected');
    if (failed.length) throw new Error(`lead notice not delivered: ${failed.map((f) => String(f.reason)).join('; ')}`);
  }
}
