import type { Logger } from '@aws-lambda-powertools/logger';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { MailQueue } from '../../ports/mail-queue.js';
import type { Mailer } from '../../ports/mailer.js';

/**
 * The mail consumer: sends a queued mail, then removes it from the queue. A refusal throws, so the
 * event is delivered again (the local relay keeps its batch pending; in AWS Lambda retries, then the
 * on-failure queue keeps it for redrive). A mail already removed was sent: a duplicate event sends
 * nothing; a crash between sending and removing can send a mail twice, never none.
 */
export async function deliverQueuedMail(
  deps: { mailQueue: Pick<MailQueue, 'get' | 'remove'>; mailer: Mailer; logger: Pick<Logger, 'info'> },
  event: DomainEvent,
): Promise<'sent' | 'duplicate' | 'ignored'> {
  if (event.detailType !== 'MailQueued') return 'ignored';
  const message = await deps.mailQueue.get(event.detail.mailId);
  if (!message) return 'duplicate';
  await deps.mailer.send(message);
  await deps.mailQueue.remove(event.detail.mailId);
  deps.logger.info('mail sent', { mailId: event.detail.mailId });
  return 'sent';
}
