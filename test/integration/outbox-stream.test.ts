import { readFileSync } from 'node:fs';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbMailQueue } from '../../functions/adapters/dynamodb/mail-queue.dynamodb.js';
import { DynamoDbOutbox } from '../../functions/adapters/dynamodb/outbox.dynamodb.js';
import type { MailMessage } from '../../functions/ports/mailer.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

/**
 * Two queued mails' life in the table as DynamoDB Local's stream delivered it (GetRecords on a table with
 * NEW_AND_OLD_IMAGES, the stack's view type): each INSERT carries its MailQueued event in the outbox, then
 * the forwarder's MODIFY clears it and the mail consumer's REMOVE deletes the mail.
 */
const recording = JSON.parse(
  readFileSync(new URL('../fixtures/streams/mail-queue.stream.json', import.meta.url), 'utf8'),
) as DynamoDBStreamEvent;
const recorded = (eventName: DynamoDBRecord['eventName']) =>
  recording.Records.filter((record) => record.eventName === eventName);

/** What was queued when the stream was recorded: the same ids, clock and messages. */
const RECORDED_IDS = ['01JDRECORDEDMAIL0000000001', '01JDRECORDEDMAIL0000000002'];
const RECORDED_AT = new Date('2026-11-25T10:00:00.000Z');
const MESSAGES: MailMessage[] = [
  {
    from: 'Baton <baton@acme.example>',
    to: ['dana@globex.example'],
    subject: 'Your meeting with Ana Souza',
    text: 'See you on Thursday.',
    html: '<p>See you on Thursday.</p>',
  },
  {
    from: 'Baton <baton@acme.example>',
    to: ['ana@acme.example'],
    subject: 'New meeting: Dana, globex.example',
    text: 'Lead: Dana',
  },
];

describe('the outbox stream → forwarder → EventBridge → mail consumer, on recorded stream records', () => {
  const eventBridge = mockClient(EventBridgeClient);
  const ses = mockClient(SESv2Client);
  const environment = { ...process.env };
  let store: TestStore;
  let forward: (event: DynamoDBStreamEvent) => Promise<void>;
  let consume: (event: EventBridgeEvent<string, unknown>) => Promise<void>;
  /** Every entry the forwarder put on the bus. */
  const published: PutEventsRequestEntry[] = [];

  beforeAll(async () => {
    store = await startTestStore();
    // The Lambda handlers build their clients from the environment, as in AWS; here it points at the test store.
    Object.assign(process.env, {
      BATON_TABLE: store.tableName,
      BATON_EVENT_BUS: 'baton-bus',
      BATON_MAIL_FROM: 'Baton <baton@acme.example>',
      BATON_PUBLIC_URL: 'https://baton.acme.example',
      AWS_REGION: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
      AWS_ACCESS_KEY_ID: store.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: store.credentials.secretAccessKey,
    });
    ({ handler: forward } = await import('../../functions/handlers/outbox-forwarder.js'));
    ({ handler: consume } = await import('../../functions/handlers/mail.js'));
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
  });
  afterAll(async () => {
    process.env = environment;
    eventBridge.restore();
    ses.restore();
    await store.close();
  });

  /**
   * EventBridge's stand-in: accepts every entry, then invokes the consumer for each entry its rule matches
   * (the stack's QueuedMailRule: source baton, detail-type MailQueued), one invocation at a time, as
   * asynchronous Lambda invocations arrive.
   */
  const bus = async (run: () => Promise<unknown>) => {
    const before = published.length;
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
      published.push(...input.Entries);
      return { FailedEntryCount: 0, Entries: input.Entries.map((_, index) => ({ EventId: `bus-${index}` })) };
    });
    await run();
    for (const [index, entry] of published.slice(before).entries()) {
      if (entry.Source !== 'baton' || entry.DetailType !== 'MailQueued') continue;
      await consume({
        version: '0',
        id: `delivery-${before + index}`,
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: (entry.Time ?? new Date()).toISOString(),
        region: 'local',
        resources: [],
        detail: JSON.parse(entry.Detail!),
      });
    }
  };
  const sentTo = () =>
    ses
      .commandCalls(SendEmailCommand)
      .map((call) => /^To: (.+)$/m.exec(Buffer.from(call.args[0].input.Content!.Raw!.Data!).toString('utf8'))?.[1]);

  /** The writes the recording followed, by the real mail queue. */
  const queueRecordedMails = async () => {
    let next = 0;
    const queue = new DynamoDbMailQueue(
      store.doc,
      store.tableName,
      () => RECORDED_IDS[next++]!,
      () => RECORDED_AT,
    );
    for (const message of MESSAGES) await queue.send(message);
  };
  const pending = () => new DynamoDbOutbox(store.doc, store.tableName).pending(10);

  it('sends each queued mail once, though the stream delivers its batch twice, and forwards nothing for the later changes', async () => {
    // Prepare
    await queueRecordedMails();
    // The recording still describes what the queue writes today.
    const items = (await store.allItems()).map((item) => unmarshall(item as Record<string, AttributeValue>));
    expect(
      recorded('INSERT').map((record) => unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>)),
    ).toEqual(RECORDED_IDS.map((id) => items.find((item) => item.pk === `MAIL#${id}`)));

    // Act: the inserts, then the same batch again (a retried Lambda invocation), then the later changes.
    await bus(() => forward({ Records: recorded('INSERT') }));
    await bus(() => forward({ Records: recorded('INSERT') }));
    await bus(() => forward({ Records: [...recorded('MODIFY'), ...recorded('REMOVE')] }));

    // Assess: at least once onto the bus, exactly once out of the consumer.
    expect(published.map((entry) => entry.DetailType)).toEqual([
      'MailQueued',
      'MailQueued',
      'MailQueued',
      'MailQueued',
    ]);
    expect(sentTo()).toEqual(['dana@globex.example', 'ana@acme.example']);
    expect(await store.allItems()).toEqual([]);
    expect(await pending()).toEqual([]);
  });

  it('keeps the mails pending when the bus refuses the forwarder, and the scheduled sweeper gets each sent once', async () => {
    // Prepare
    ses.resetHistory();
    published.length = 0;
    await queueRecordedMails();
    eventBridge.on(PutEventsCommand).rejects(new Error('ThrottlingException: rate exceeded'));
    // A failed batch is retried by Lambda and then kept in the on-failure queue: the items stay pending.
    await expect(forward({ Records: recorded('INSERT') })).rejects.toThrow('rate exceeded');
    expect((await pending()).map((batch) => batch.key.pk).sort()).toEqual(RECORDED_IDS.map((id) => `MAIL#${id}`));
    const { handler: sweep } = await import('../../functions/handlers/outbox-sweeper.js');

    // Act: two scheduled sweeps, the events long past the grace period.
    await bus(() => sweep());
    await bus(() => sweep());

    // Assess
    expect(published.map((entry) => entry.DetailType)).toEqual(['MailQueued', 'MailQueued']);
    expect(sentTo().sort()).toEqual(['ana@acme.example', 'dana@globex.example']);
    expect(await pending()).toEqual([]);
    expect(await store.allItems()).toEqual([]);
  });
});
