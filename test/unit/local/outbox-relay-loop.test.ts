import { afterEach, describe, expect, it } from 'vitest';
import { domainEvent } from '../../../functions/core/events/domain-event.js';
import { startOutboxRelay } from '../../../functions/local/outbox-relay-loop.js';
import type { Outbox, PendingEvents } from '../../../functions/ports/outbox.js';

const HOUR = 3_600_000;

/** An outbox in memory: what a write adds stays pending until it is marked delivered. */
function memoryOutbox() {
  const items: PendingEvents[] = [];
  const outbox: Outbox = {
    pending: async (limit) => items.slice(0, limit),
    markDelivered: async (batch) => {
      items.splice(items.indexOf(batch), 1);
    },
  };
  const write = (id: string) =>
    items.push({
      key: { pk: `MEETING#${id}`, sk: 'MEETING' },
      outboxSk: `2026-11-26T02:00:00.000Z#${id}`,
      events: [domainEvent('MeetingCanceled', id, 'demo', '2026-11-26T02:00:00.000Z', { meetingId: id } as never)],
    });
  return { outbox, write, items };
}

describe('the local outbox relay', () => {
  let stop: () => Promise<void> = async () => {};
  afterEach(() => stop());

  it('relays what a write committed as soon as it is woken, without waiting for its sweep', async () => {
    const { outbox, write, items } = memoryOutbox();
    const published: string[] = [];
    const relay = startOutboxRelay(
      {
        outbox,
        publisher: { publish: async (events) => void published.push(...events.map((e) => e.id)) },
        logger: console,
      },
      HOUR,
    );
    stop = relay.stop;
    await relay.flush();

    write('m-1');
    relay.wake();

    await expect.poll(() => published).toEqual(['m-1']);
    expect(items).toEqual([]);
  });

  it('relays a write that lands while a round runs in one more round', async () => {
    const { outbox, write } = memoryOutbox();
    const published: string[] = [];
    let release: () => void = () => {};
    const firstPublish = new Promise<void>((resolve) => {
      release = resolve;
    });
    const relay = startOutboxRelay(
      {
        outbox,
        publisher: {
          publish: async (events) => {
            if (published.length === 0) await firstPublish;
            published.push(...events.map((e) => e.id));
          },
        },
        logger: console,
      },
      HOUR,
    );
    stop = relay.stop;
    write('m-1');
    relay.wake();
    // m-2 commits while m-1 is being published, after the round read the outbox.
    await expect.poll(() => published.length === 0).toBe(true);
    write('m-2');
    relay.wake();
    release();

    await expect.poll(() => published).toEqual(['m-1', 'm-2']);
  });
});
