import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import { EmlFolderMailer } from '../../functions/adapters/mail/mailer.nodemailer.js';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import type { MailMessage, Mailer } from '../../functions/ports/mailer.js';
import type { AddressObject } from 'mailparser';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createLocalClients } from '../../functions/adapters/dynamodb/local-client.js';
import { readMailFolder } from '../support/mail.js';
import { startTestRuntime } from '../support/test-runtime.js';

/** A mail server that refuses everything while it is down, as SES does when throttled or misconfigured. */
class OutageMailer implements Mailer {
  down = true;
  attempts = 0;
  constructor(private readonly delivered: Mailer) {}
  async send(message: MailMessage) {
    this.attempts++;
    if (this.down) throw new Error('mail server unavailable');
    return this.delivered.send(message);
  }
}

describe('booking while the mail server is down', () => {
  let runtime: LocalRuntime;
  let mailer: OutageMailer;
  let mailDir: string;
  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'baton-mail-outage-'));
    mailer = new OutageMailer(new EmlFolderMailer(mailDir));
    // The relay runs only when the test flushes it, so each retry is one the test asked for.
    runtime = await startTestRuntime({
      mailer,
      relayIntervalMs: 86_400_000,
    });
  });
  afterAll(() => runtime.close());
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const { send } = visitors;

  it('answers 201 with the manage link, keeps the invitation pending, and mails it once the server is back', async () => {
    const { conversationId } = await aRoutedGlobexConversation(visitors, { email: 'dana@globex.com', need: 'A demo' });
    const { slots } = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body;

    const booked = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: slots[0].start,
      name: 'Dana Scully',
      email: 'dana@globex.com',
      timeZone: 'UTC',
    });
    await runtime.flushEvents();

    expect(booked.status).toBe(201);
    const meetingId = new URL(booked.body.manageUrl as string).pathname.split('/').pop()!;
    expect(mailer.attempts).toBeGreaterThan(0);
    expect(await readMailFolder(mailDir)).toEqual([]);
    const queued = async () =>
      (await runtime.deps.outbox.pending(1000)).flatMap((batch) =>
        batch.events.filter((event) => event.detailType === 'MailQueued'),
      );
    expect((await queued()).length).toBeGreaterThanOrEqual(2);

    mailer.down = false;
    await runtime.flushEvents();
    await runtime.flushEvents();

    const toVisitor = (await readMailFolder(mailDir)).filter((mail) =>
      ([] as AddressObject[])
        .concat(mail.to ?? [])
        .some((field) => field.value.some((a) => a.address === 'dana@globex.com')),
    );
    expect(toVisitor.map((mail) => mail.subject)).toEqual(['Your meeting with Ana Souza, Acme Analytics']);
    expect(toVisitor[0]!.text).toContain(booked.body.manageUrl);
    expect(await queued()).toEqual([]);
    // A queued mail (and the manage link in it) leaves the table once sent.
    const { raw } = createLocalClients(runtime.storeEndpoint, runtime.storeCredentials);
    const { Items = [] } = await raw.send(new ScanCommand({ TableName: 'baton' }));
    raw.destroy();
    expect(Items.filter((item) => item.pk?.S?.startsWith('MAIL#'))).toEqual([]);
    expect(
      (await send('GET', `/v1/meetings/${meetingId}?token=${new URL(booked.body.manageUrl).searchParams.get('token')}`))
        .status,
    ).toBe(200);
  });
});
