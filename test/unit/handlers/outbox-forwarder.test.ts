import { marshall } from '@aws-sdk/util-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { domainEvent } from '../../../functions/core/events/domain-event.js';

describe('the outbox forwarder (DynamoDB Streams → EventBridge)', () => {
  const eventBridge = mockClient(EventBridgeClient);
  const dynamo = mockClient(DynamoDBDocumentClient);
  let handler: (event: DynamoDBStreamEvent) => Promise<void>;
  beforeAll(async () => {
    process.env.BATON_TABLE = 'baton-prod';
    process.env.BATON_EVENT_BUS = 'baton-bus';
    process.env.AWS_REGION = 'us-east-1';
    ({ handler } = await import('../../../functions/handlers/outbox-forwarder.js'));
  });

  it('puts the events a write carries on the bus, then clears that batch from the item', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    dynamo.on(UpdateCommand).resolves({});
    const event = domainEvent('MeetingBooked', 'meeting-booked:M1', 'demo', '2026-11-25T10:00:00.000Z', {
      meetingId: 'M1',
      conversationId: 'C1',
      visitorId: 'V1',
      repId: 'rep-ana',
      start: '2026-11-26T15:00:00.000Z',
      end: '2026-11-26T15:30:00.000Z',
      visitorEmail: 'maria@globex.com',
      visitorName: 'Maria',
    });
    const image = marshall(
      {
        pk: 'MEETING#M1',
        sk: 'MEETING',
        outbox: [event],
        outboxPk: 'PENDING',
        outboxSk: '2026-11-25T10:00:00.000Z#meeting-booked:M1',
      },
      { removeUndefinedValues: true },
    );

    await handler({
      Records: [
        { eventName: 'INSERT', dynamodb: { NewImage: image as never } },
        { eventName: 'MODIFY', dynamodb: { NewImage: marshall({ pk: 'X', sk: 'Y' }) as never } },
      ],
    });

    const put = eventBridge.commandCalls(PutEventsCommand);
    expect(put).toHaveLength(1);
    expect(put[0]!.args[0].input.Entries).toEqual([
      {
        EventBusName: 'baton-bus',
        Source: 'baton',
        DetailType: 'MeetingBooked',
        Time: new Date(event.time),
        Detail: JSON.stringify(event),
      },
    ]);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'baton-prod',
      Key: { pk: 'MEETING#M1', sk: 'MEETING' },
      UpdateExpression: 'REMOVE outbox, outboxPk, outboxSk',
      ConditionExpression: 'outboxSk = :batch',
    });
  });

  it('fails the batch, publishing nothing, when a record carries an outbox that is not a list of Baton events', async () => {
    eventBridge.reset();
    dynamo.reset();
    const image = marshall({
      pk: 'MEETING#M2',
      sk: 'MEETING',
      outbox: [{ id: 'x', detailType: 'MeetingBooked', time: '2026-11-25T10:00:00.000Z', source: 'elsewhere' }],
      outboxPk: 'PENDING',
      outboxSk: '2026-11-25T10:00:00.000Z#x',
    });

    await expect(
      handler({ Records: [{ eventName: 'INSERT', dynamodb: { NewImage: image as never } }] }),
    ).rejects.toThrow(/not a list of Baton events/);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
