import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbOutbox, outboxAttributes } from '../../functions/adapters/dynamodb/outbox.dynamodb.js';
import { sweepOutbox } from '../../functions/app/events/sweep-outbox.js';
import { type DomainEvent, domainEvent } from '../../functions/core/events/domain-event.js';
import type { EventPublisher } from '../../functions/ports/outbox.js';
import { silentLogger } from '../support/silent-logger.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const started = (conversationId: string, time: string) =>
  domainEvent('ConversationStarted', `conversation-started:${conversationId}`, 'test-site', time, {
    conversationId,
    visitorId: 'visitor-1',
    playbookId: 'p',
    rulebookVersion: 1,
  });

class RecordingBus implements EventPublisher {
  published: DomainEvent[] = [];
  refuse = new Set<string>();
  async publish(events: readonly DomainEvent[]) {
    if (events.some((event) => this.refuse.has(event.id))) throw new Error('bus refused');
    this.published.push(...events);
  }
}

describe('the scheduled outbox sweeper', () => {
  let store: TestStore;
  let outbox: DynamoDbOutbox;
  let bus: RecordingBus;
  beforeEach(async () => {
    store = await startTestStore();
    outbox = new DynamoDbOutbox(store.doc, store.tableName);
    bus = new RecordingBus();
  });
  afterEach(() => store.close());

  const writeItemWith = (pk: string, events: DomainEvent[]) =>
    store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { pk, sk: 'ITEM', type: 'test', ...outboxAttributes(events) },
      }),
    );
  const sweep = (graceMinutes = 5) =>
    sweepOutbox({ outbox, publisher: bus, clock: () => NOW, logger: silentLogger() }, { graceMinutes });

  it('redelivers events left pending longer than the grace period, and clears them', async () => {
    await writeItemWith('CONV#old', [started('old', minutesAgo(30))]);
    await writeItemWith('CONV#stale', [started('stale', minutesAgo(6))]);

    const result = await sweep();

    expect(result).toEqual({ delivered: 2, failed: 0 });
    expect(bus.published.map((event) => event.id).sort()).toEqual([
      'conversation-started:old',
      'conversation-started:stale',
    ]);
    expect(await outbox.pending(100)).toEqual([]);
  });

  it('leaves events younger than the grace period to the stream, up to its exact boundary', async () => {
    await writeItemWith('CONV#fresh', [started('fresh', minutesAgo(1))]);
    await writeItemWith('CONV#boundary', [started('boundary', minutesAgo(5))]);
    await writeItemWith('CONV#past', [started('past', new Date(NOW.getTime() - 5 * 60_000 - 1).toISOString())]);

    const result = await sweep();

    expect(bus.published.map((event) => event.id)).toEqual(['conversation-started:past']);
    expect(result).toEqual({ delivered: 1, failed: 0 });
    expect((await outbox.pending(100)).map((batch) => batch.key.pk).sort()).toEqual(['CONV#boundary', 'CONV#fresh']);
  });

  it('keeps a batch the bus refuses pending for the next sweep without holding back the others', async () => {
    await writeItemWith('CONV#refused', [started('refused', minutesAgo(40))]);
    await writeItemWith('CONV#other', [started('other', minutesAgo(30))]);
    bus.refuse.add('conversation-started:refused');

    const first = await sweep();
    bus.refuse.clear();
    const second = await sweep();

    expect(first).toEqual({ delivered: 1, failed: 1 });
    expect(second).toEqual({ delivered: 1, failed: 0 });
    expect(bus.published.map((event) => event.id)).toEqual([
      'conversation-started:other',
      'conversation-started:refused',
    ]);
    expect(await outbox.pending(100)).toEqual([]);
  });

  it('does nothing when nothing is pending', async () => {
    expect(await sweep()).toEqual({ delivered: 0, failed: 0 });
    expect(bus.published).toEqual([]);
  });
});
