import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { EventPublisher } from '../../ports/outbox.js';

/** Puts domain events on the EventBridge bus, ten per call; entries EventBridge refuses are retried, then reported. */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly busName: string,
    private readonly client: EventBridgeClient = new EventBridgeClient({}),
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += 10) {
      let batch = events.slice(start, start + 10);
      for (let attempt = 0; batch.length > 0; attempt++) {
        const result = await this.client.send(
          new PutEventsCommand({
            Entries: batch.map((event) => ({
              EventBusName: this.busName,
              Source: event.source,
              DetailType: event.detailType,
              Time: new Date(event.time),
              Detail: JSON.stringify(event),
            })),
          }),
        );
        if (!result.FailedEntryCount) break;
        const failed = batch.filter((_, index) => result.Entries?.[index]?.ErrorCode);
        if (attempt === 3)
          throw new Error(
            `EventBridge refused ${failed.length} events: ${result.Entries?.find((entry) => entry.ErrorCode)?.ErrorMessage ?? ''}`,
          );
        batch = failed;
      }
    }
  }
}
