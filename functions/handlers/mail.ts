import { deliverQueuedMail } from '../app/mail/deliver-queued-mail.js';
import { sendFallbackAlert } from '../app/mail/send-fallback-alert.js';
import { composeMail } from '../composition/compose-mail.js';
import { domainEventHandler } from './domain-event-handler.js';

const { deps, delivery, logger } = composeMail(process.env);

/** EventBridge → the only function that sends mail: queued mail (invitations, notices) and fallback alerts. */
export const handler = domainEventHandler(logger, async (event) => {
  await deliverQueuedMail(delivery, event);
  await sendFallbackAlert(deps, event);
});
