import type { EventBridgeEvent } from 'aws-lambda';
import { deliverQueuedMail } from '../app/mail/deliver-queued-mail.js';
import { sendFallbackAlert } from '../app/mail/send-fallback-alert.js';
import { composeMail } from '../composition/compose-mail.js';
import { DomainEvent } from '../core/events/domain-event.js';

const { deps, delivery, logger } = composeMail(process.env);

/**
 * EventBridge → the only function that sends mail: queued mail (invitations, notices) and fallback
 * alerts. A throw makes Lambda retry the event; after the last retry it waits in the on-failure queue.
 */
export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const parsed = DomainEvent.safeParse(event.detail);
  if (!parsed.success) {
    logger.error('not a Baton domain event; dropped', { id: event.id, issues: parsed.error.issues.slice(0, 3) });
    return;
  }
  await deliverQueuedMail(delivery, parsed.data);
  await sendFallbackAlert(deps, parsed.data);
};
