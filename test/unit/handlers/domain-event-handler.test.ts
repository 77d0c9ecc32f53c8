import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { type DomainEvent, domainEvent } from '../../../functions/core/events/domain-event.js';
import { domainEventHandler } from '../../../functions/handlers/domain-event-handler.js';
import { silentLogger } from '../../support/silent-logger.js';

const fromBus = (id: string, detail: unknown) => ({ id, detail }) as EventBridgeEvent<string, unknown>;

describe('an EventBridge consumer of domain events (CRM sync, funnel, mail)', () => {
  it('hands the consumer the event it was sent, parsed', async () => {
    const event = domainEvent('MailQueued', 'mail-queued:1', 'test-site', '2026-11-25T10:00:00.000Z', {
      mailId: 'mail-1',
    });
    const consumed: DomainEvent[] = [];

    await domainEventHandler(silentLogger(), async (parsed) => {
      consumed.push(parsed);
    })(fromBus('bus-1', event));

    expect(consumed).toEqual([event]);
  });

  it('drops what is not a domain event with a log line naming its id and not its content, and does not throw', async () => {
    const logger = silentLogger();
    const error = vi.spyOn(logger, 'error');
    const consume = vi.fn(async () => undefined);

    await expect(
      domainEventHandler(logger, consume)(fromBus('bus-2', { detailType: 'Nope', email: 'x@globex.com' })),
    ).resolves.toBeUndefined();

    expect(consume).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledWith('not a Baton domain event; dropped', expect.objectContaining({ id: 'bus-2' }));
    expect(JSON.stringify(error.mock.calls)).not.toContain('x@globex.com');
  });

  it('lets a failing consumer throw, so Lambda retries the event', async () => {
    const event = domainEvent('MailQueued', 'mail-queued:2', 'test-site', '2026-11-25T10:00:00.000Z', {
      mailId: 'mail-2',
    });

    await expect(
      domainEventHandler(silentLogger(), () => Promise.reject(new Error('CRM down')))(fromBus('bus-3', event)),
    ).rejects.toThrow('CRM down');
  });
});
