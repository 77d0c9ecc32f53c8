import type { MailMessage, Mailer } from './mailer.js';

/**
 * Mail waiting to be sent. Use cases "send" by queueing (one table write, in the request), the mail
 * function sends from the queue: a stored booking never fails on the mail server, and a mail the
 * server refused is sent again.
 */
export interface MailQueue extends Mailer {
  get(mailId: string): Promise<MailMessage | null>;
  remove(mailId: string): Promise<void>;
}
